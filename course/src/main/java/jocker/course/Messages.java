package jocker.course;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns failures into messages a student can read in a results file, a console line, a web page. */
final class Messages {

    /** Enough for an assertion's expected/actual, short enough for a report cell. */
    static final int MAX_LENGTH = 2000;

    /** Exception names that add nothing to their message: the message says what went wrong. */
    private static final Pattern NOISE = Pattern.compile(
            "^(org\\.opentest4j\\.AssertionFailedError|java\\.lang\\.AssertionError"
            + "|org\\.opentest4j\\.TestAbortedException|jocker\\.course\\.ExerciseNotDoneException): ?");
    /** A fully qualified exception name at the start of a line ("java.io.IOException: "). */
    private static final Pattern QUALIFIED = Pattern.compile("(?m)^(Caused by: )?(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

    private Messages() {
    }

    /**
     * The failure as its {@code toString()} and those of its causes. A stub's
     * {@link ExerciseNotDoneException} wins wherever it is in the chain: that the
     * exercise is not done is the whole story.
     */
    static String of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ExerciseNotDoneException) {
                return truncate(t.toString(), MAX_LENGTH);
            }
        }
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        seen.clear();
        seen.add(failure);
        for (Throwable t = failure.getCause(); t != null && seen.add(t) && text.length() < MAX_LENGTH;
                t = t.getCause()) {
            text.append("\nCaused by: ").append(t);
        }
        return truncate(text.toString(), MAX_LENGTH);
    }

    /** Drops the exception names a student need not read, keeps the lines: for the HTML report. */
    static String readable(String message) {
        if (message == null) {
            return "";
        }
        String text = NOISE.matcher(message.strip()).replaceFirst("");
        return QUALIFIED.matcher(text).replaceAll("$1$2").strip();
    }

    /** {@link #readable} on one line of at most {@code max} characters: for the console. */
    static String oneLine(String message, int max) {
        return truncate(readable(message).replaceAll("\\s+", " "), max);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
