package jocker.course.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console transcript in an AsciiDoc file, where it is, and what the
 * transcript check does with it.
 *
 * <p>Three kinds of block hold transcripts:
 * <ul>
 *   <li>{@code [source,console]} (also {@code [source,"console?prompt=#"]}):
 *       the check runs its commands and compares their output with the text;</li>
 *   <li>{@code [source,console,role=recorded]}: a session with a tool the
 *       build cannot run (Docker, a cgroup v2 host); its title must say what
 *       it was recorded with ({@code .Recorded with runc 1.1.5});</li>
 *   <li>{@code [source,console,role=grade]}: a {@code ./mvnw ... verify} run
 *       and its report, which the grading check compares instead.</li>
 * </ul>
 * A comment block whose first line is {@value #HIDDEN_MARKER} is a transcript
 * too, which the book does not show: setup or cleanup that the check runs at
 * that place, and whose output it compares like any other.
 * <pre>
 * ////
 * transcript: hidden
 * # ./jocker rm -f web &gt;/dev/null
 * ////
 * </pre>
 *
 * @param file   the AsciiDoc file
 * @param line   the line of the block's first transcript line, from 1
 * @param role   {@code ""}, {@code "recorded"}, {@code "grade"} or {@code "hidden"}
 * @param title  the block's title ({@code .Title} line above it), or {@code ""}
 * @param lines  the transcript's lines
 */
public record ConsoleBlock(Path file, int line, String role, String title, List<String> lines) {

    /** The first line of a comment block that holds hidden commands. */
    public static final String HIDDEN_MARKER = "transcript: hidden";

    public static final String RECORDED = "recorded";
    public static final String GRADE = "grade";
    public static final String HIDDEN = "hidden";

    private static final Pattern HEADER = Pattern.compile("\\[source,\\s*(?:console|\"console\\?prompt=#\")\\s*(,.*)?]");
    private static final Pattern ROLE = Pattern.compile("(?:^|,)\\s*role=\"?([\\w-]+)\"?");

    public ConsoleBlock {
        lines = List.copyOf(lines);
    }

    /** The transcript's commands and output; an {@link IllegalArgumentException} naming file:line if it does not parse. */
    public Transcript transcript() {
        try {
            return Transcript.parse(lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
        }
    }

    /** {@code file:line} of the block's first transcript line. */
    public String where() {
        return file + ":" + line;
    }

    /** {@code file:line} of one of its steps. */
    public String where(Transcript.Step step) {
        return file + ":" + (line + step.line());
    }

    /** Whether the check runs it: a plain console block or a hidden one. */
    public boolean checked() {
        return role.isEmpty() || role.equals(HIDDEN);
    }

    /** The console blocks and hidden transcripts of one AsciiDoc file, in order. */
    public static List<ConsoleBlock> read(Path file) {
        try {
            return parse(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console blocks and hidden transcripts in these lines of {@code file}. */
    public static List<ConsoleBlock> parse(Path file, List<String> text) {
        List<ConsoleBlock> blocks = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            Matcher header = HEADER.matcher(line.strip());
            if (header.matches()) {
                String role = "";
                if (header.group(1) != null) {
                    Matcher m = ROLE.matcher(header.group(1).substring(1));
                    if (m.find()) {
                        role = m.group(1);
                    }
                }
                String title = "";
                for (int t = i - 1; t >= 0 && t >= i - 2; t--) {
                    String above = text.get(t);
                    if (above.startsWith(".") && !above.startsWith("..")) {
                        title = above.substring(1).strip();
                        break;
                    }
                    if (!above.startsWith("[")) {
                        break;
                    }
                }
                if (i + 1 >= text.size() || !text.get(i + 1).equals("----")) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": a console block must open with ---- on the next line");
                }
                int end = closing(file, text, i + 2, "----");
                blocks.add(new ConsoleBlock(file, i + 3, role, title, text.subList(i + 2, end)));
                i = end;
            } else if (line.equals("////")) {
                int end = closing(file, text, i + 1, "////");
                if (i + 1 < end && text.get(i + 1).strip().equals(HIDDEN_MARKER)) {
                    blocks.add(new ConsoleBlock(file, i + 3, HIDDEN, "", text.subList(i + 2, end)));
                }
                i = end;
            } else if (line.equals("----") || line.equals("....")) {
                i = closing(file, text, i + 1, line); // another listing: skip it whole
            }
        }
        return blocks;
    }

    private static int closing(Path file, List<String> text, int from, String delimiter) {
        for (int j = from; j < text.size(); j++) {
            if (text.get(j).equals(delimiter)) {
                return j;
            }
        }
        throw new IllegalArgumentException(file + ":" + from + ": the block is not closed with " + delimiter);
    }
}
