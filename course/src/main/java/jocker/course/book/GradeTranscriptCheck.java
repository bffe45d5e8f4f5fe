package jocker.course.book;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jocker.course.Grader;

/**
 * Checks the book's grade transcripts of finished chapters against what the
 * grader prints for the reference code's results of this build.
 *
 * <pre>
 * java jocker.course.book.GradeTranscriptCheck &lt;repositoryRoot&gt; &lt;gradeDir&gt; &lt;allChapters&gt;
 * </pre>
 *
 * <p>A transcript shows a student's command on a finished chapter; a
 * finished chapter passes what the reference code passes, so the grader's
 * lines for the reference code's results ({@code <gradeDir>/solutions/<chapter>.json})
 * are what the command prints. Maven prints nothing else in a passing
 * {@code -q} build; other output needs {@code ...} lines.
 *
 * <p>An ungraded test's skip depends on the machine (a cgroup v2 host, a
 * compiler): a skip line that only one side has is left out of the
 * comparison; one that both have must be the same line. Exits 1 when a
 * transcript differs, listing each with both texts.
 */
public final class GradeTranscriptCheck {

    /** Transcripts of unfinished workspaces, which the class grader's test checks with real grades. */
    private static final Pattern WORKSPACE_CASES = Pattern.compile(".*-grade-(fresh|no-busybox)$");
    private static final Pattern UNGRADED_SKIP = Pattern.compile("^ {2}- +skipped +\\(not graded\\) (.*?): .*$");

    private GradeTranscriptCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GradeTranscriptCheck <repositoryRoot> <gradeDir> <allChapters>");
            System.exit(2);
        }
        List<String> problems = check(Path.of(args[0]), Path.of(args[1]), Grader.chapters(List.of(args[2])),
                System.out);
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(1);
        }
    }

    /** The book files that may hold grade transcripts. */
    public static List<Path> bookFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> chapters = Files.list(root.resolve("chapters"))) {
            chapters.filter(p -> p.toString().endsWith(".adoc")).sorted(Comparator.naturalOrder()).forEach(files::add);
        }
        files.add(root.resolve("docs/instructor-guide.adoc"));
        files.add(root.resolve("README.adoc"));
        return files;
    }

    /** Checks every finished-chapter transcript; returns the problems, none when all agree. */
    static List<String> check(Path root, Path gradeDir, List<String> allChapters, PrintStream log) throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : bookFiles(root)) {
            for (GradeTranscripts.Block block : GradeTranscripts.read(file)) {
                if (block.id() != null && WORKSPACE_CASES.matcher(block.id()).matches()) {
                    continue;
                }
                String asked = block.property("grade.chapters");
                List<String> chapters = asked == null ? allChapters : Grader.chapters(List.of(asked));
                List<String> missing = chapters.stream()
                        .filter(c -> !Files.isRegularFile(gradeDir.resolve("solutions").resolve(c + ".json"))).toList();
                if (!missing.isEmpty()) {
                    log.println("grade transcripts: not checked, no results for " + missing + ": "
                            + root.relativize(block.file()) + ":" + block.line());
                    continue;
                }
                String mismatch = compare(block.output(), printed(gradeDir, chapters));
                if (mismatch != null) {
                    problems.add(root.relativize(block.file()) + ":" + block.line()
                            + ": the grade transcript is out of date: " + mismatch);
                }
                checked++;
            }
        }
        log.println("grade transcripts: " + checked + " checked against the reference code's grade"
                + (problems.isEmpty() ? ", all agree" : ", " + problems.size() + " differ"));
        return problems;
    }

    /** What the grader prints for the reference code's results of these chapters. */
    static List<String> printed(Path gradeDir, List<String> chapters) throws IOException {
        Path temp = Files.createTempDirectory("grade-transcript");
        try {
            Files.createDirectories(temp.resolve("solutions"));
            for (String chapter : chapters) {
                Files.copy(gradeDir.resolve("solutions").resolve(chapter + ".json"),
                        temp.resolve("solutions").resolve(chapter + ".json"), StandardCopyOption.REPLACE_EXISTING);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                Grader.run(new String[] {temp.toString(), "solutions", String.join(",", chapters)}, print, print);
            }
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** {@link GradeTranscripts#mismatch}, after leaving out the ungraded skips that only one side has. */
    static String compare(List<String> expected, List<String> actual) {
        Map<String, String> book = ungraded(expected);
        Map<String, String> run = ungraded(actual);
        List<String> e = expected.stream().filter(line -> keep(line, run)).toList();
        List<String> a = actual.stream().filter(line -> keep(line, book)).toList();
        return GradeTranscripts.mismatch(e, a);
    }

    private static Map<String, String> ungraded(List<String> lines) {
        Map<String, String> skips = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = UNGRADED_SKIP.matcher(line);
            if (m.matches()) {
                skips.put(m.group(1), line);
            }
        }
        return skips;
    }

    private static boolean keep(String line, Map<String, String> other) {
        Matcher m = UNGRADED_SKIP.matcher(line);
        return !m.matches() || other.containsKey(m.group(1));
    }
}
