package jocker.course.book;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The book's grade transcripts: console blocks marked {@code role=grade},
 * which show a {@code ./mvnw} grade command and what it prints.
 *
 * <pre>
 * [[ch01-grade-fresh]]
 * [source,console,role=grade]
 * ----
 * # ./mvnw -B -q -Pgrade -Dgrade.chapters=01-chroot verify
 * 01-chroot: 0/55
 * ...
 * Score: 0/55
 * ----
 * </pre>
 *
 * <p>The general transcript check does not run {@code ./mvnw} commands (a
 * grade takes minutes); these are checked against real grades instead: a
 * block whose id ends in {@code -grade-fresh} or {@code -grade-no-busybox}
 * against the grade of a chapter-1 workspace in that state (the class
 * grader's test runs them), every other one against the reference code's
 * results of the build ({@link GradeTranscriptCheck}). In the output a line
 * {@code ...} stands for any lines, none included.
 */
public final class GradeTranscripts {

    /** A grade transcript in a book file. */
    public record Block(Path file, int line, String id, String command, List<String> output) {

        /** The value of {@code -Dname=value} in the command, or null. */
        public String property(String name) {
            Matcher m = Pattern.compile("(?:^|\\s)-D" + Pattern.quote(name) + "=(\\S+)").matcher(command);
            return m.find() ? m.group(1) : null;
        }

        /** Where the block is, for messages: {@code chapters/ch01-chroot.adoc:612 (ch01-grade-fresh)}. */
        public String where() {
            return file + ":" + line + (id == null ? "" : " (" + id + ")");
        }
    }

    private static final Pattern ANCHOR = Pattern.compile("^\\[\\[([\\w-]+)]]$");
    private static final Pattern GRADE_BLOCK = Pattern.compile("^\\[source,\\s*\"?console[^\\]]*role=grade[^\\]]*]$");

    private GradeTranscripts() {
    }

    /** The grade transcripts of an AsciiDoc file, each with the one command it must hold. */
    public static List<Block> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!GRADE_BLOCK.matcher(lines.get(i).strip()).matches()) {
                continue;
            }
            Matcher anchor = i > 0 ? ANCHOR.matcher(lines.get(i - 1).strip()) : null;
            String id = anchor != null && anchor.matches() ? anchor.group(1) : null;
            int open = i + 1;
            if (open >= lines.size() || !lines.get(open).equals("----")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a grade transcript opens with ----");
            }
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).equals("----")) {
                close++;
            }
            Transcript transcript;
            try {
                transcript = Transcript.parse(lines.subList(open + 1, close));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            if (transcript.steps().size() != 1 || !transcript.steps().get(0).command().startsWith("./mvnw ")) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": a grade transcript shows one ./mvnw command and its output");
            }
            Transcript.Step step = transcript.steps().get(0);
            blocks.add(new Block(file, i + 1, id, step.command().replace("\\\n", " "), step.output()));
            i = close;
        }
        return blocks;
    }

    /**
     * Whether {@code actual} is what {@code expected} shows, a line
     * {@code ...} standing for any lines; null if so, else what differs.
     */
    public static String mismatch(List<String> expected, List<String> actual) {
        if (matches(expected, 0, actual, 0)) {
            return null;
        }
        return "the book shows:\n  " + String.join("\n  ", expected) + "\nbut the grade printed:\n  "
                + String.join("\n  ", actual);
    }

    private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        if (expected.get(e).equals("...")) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matches(expected, e + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && expected.get(e).equals(actual.get(a)) && matches(expected, e + 1, actual, a + 1);
    }
}
