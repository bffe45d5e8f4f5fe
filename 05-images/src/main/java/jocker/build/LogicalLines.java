package jocker.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile's text into instructions, one per logical line, as
 * BuildKit's parser does ({@code frontend/dockerfile/parser/parser.go}):
 *
 * <ol>
 * <li>parser directives ({@code # escape=`}, {@code # syntax=…}) count only
 * at the very top, before any other line, even a blank one;
 * <li>a line whose first non-blank character is {@code #} is a comment, and
 * a blank line is nothing;
 * <li>a line that ends with the escape character (blanks after it allowed)
 * continues on the next one; comment and blank lines inside the
 * continuation are skipped, so a {@code RUN} can carry comments between its
 * lines.
 * </ol>
 */
final class LogicalLines {

    /** One logical line: where it starts and its text, continuations joined without the escapes. */
    record Line(int number, String text) {
    }

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");

    private final String fileName;
    private char escape = '\\';

    LogicalLines(String fileName) {
        this.fileName = fileName;
    }

    /** The escape character the directives chose; valid after {@link #split}. */
    char escape() {
        return escape;
    }

    List<Line> split(String text) {
        String[] physical = text.split("\r?\n", -1);
        int first = readDirectives(physical);
        List<Line> lines = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        for (int i = first; i < physical.length; i++) {
            String line = physical[i];
            boolean skippable = line.isBlank() || line.stripLeading().startsWith("#");
            if (skippable) {
                continue;
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            String body = withoutContinuation(line);
            if (body != null) {
                pending.append(body);
            } else {
                pending.append(line);
                lines.add(new Line(start, pending.toString().strip()));
                pending = null;
            }
        }
        if (pending != null && !pending.toString().isBlank()) {
            lines.add(new Line(start, pending.toString().strip()));
        }
        return lines;
    }

    /** {@code line} without its trailing escape character, or null if it does not continue. */
    private String withoutContinuation(String line) {
        String trimmed = line.stripTrailing();
        if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape) {
            return trimmed.substring(0, trimmed.length() - 1);
        }
        return null;
    }

    /** Reads the parser directives at the top; returns the index of the first line after them. */
    private int readDirectives(String[] physical) {
        List<String> seen = new ArrayList<>();
        int i = 0;
        for (; i < physical.length; i++) {
            Matcher m = DIRECTIVE.matcher(physical[i]);
            if (!m.matches()) {
                break;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("escape") && !name.equals("syntax") && !name.equals("check")) {
                break;
            }
            if (seen.contains(name)) {
                throw new DockerfileException(fileName + ":" + (i + 1) + ": the parser directive \"" + name
                        + "\" may appear only once");
            }
            seen.add(name);
            if (name.equals("escape")) {
                String value = m.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileException(fileName + ":" + (i + 1) + ": invalid escape character \""
                            + value + "\": it must be \\ or `");
                }
                escape = value.charAt(0);
            }
        }
        return i;
    }
}
