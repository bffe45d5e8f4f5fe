package jocker.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds up the graded tests' results and reports the score.
 *
 * <pre>
 * java jocker.course.Grader &lt;gradeDir&gt; &lt;target&gt; &lt;chapter&gt;...
 * </pre>
 *
 * <p>Reads {@code <gradeDir>/<target>/<chapter>.json} (written by
 * {@link GradeListener}) for each chapter; prints a line per chapter, a line per
 * test that did not pass, and {@code Score: X/Y} last; writes
 * {@code <gradeDir>/report.json} and {@code <gradeDir>/report.html}. Exits with
 * status 1 below full marks, like 6.S081's gradelib, so that a build can gate
 * on it; a chapter without results (it did not compile) is never full marks.
 */
public final class Grader {

    /** Console lines stay readable in a terminal; the HTML report has the whole message. */
    private static final int LINE_MESSAGE = 160;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The file that exists in the grade directory after a run below full marks. */
    public static final String BELOW_FULL_MARKS = "BELOW_FULL_MARKS";

    private Grader() {
    }

    public static void main(String[] args) throws IOException {
        int status = run(args, System.out, System.err);
        // exec:java's blockSystemExit turns this into a build failure; 0 needs no call.
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Grades, prints, writes the reports; returns the exit status (0 at full marks, 1 below, 2 on misuse). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 3) {
            err.println("usage: Grader <gradeDir> <target> <chapter> [<chapter>...]");
            return 2;
        }
        Path gradeDir = Path.of(args[0]);
        String target = args[1];
        List<ChapterReport> chapters = new ArrayList<>();
        for (String chapter : chapters(Arrays.asList(args).subList(2, args.length))) {
            chapters.add(read(gradeDir.resolve(target).resolve(chapter + ".json"), chapter));
        }
        GradeReport report = GradeReport.of(target, chapters);
        print(report, out);
        Files.createDirectories(gradeDir);
        JSON.writeValue(gradeDir.resolve("report.json").toFile(), report);
        Files.writeString(gradeDir.resolve("report.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
        // For a build that gates on a file rather than on this process's status.
        Path below = gradeDir.resolve(BELOW_FULL_MARKS);
        if (report.fullMarks()) {
            Files.deleteIfExists(below);
        } else {
            Files.writeString(below, report.earned() + "/" + report.possible() + "\n");
        }
        return report.fullMarks() ? 0 : 1;
    }

    /** A build passes its chapter list as one argument, "01-chroot,02-namespaces"; spaces separate too. */
    public static List<String> chapters(List<String> args) {
        return Arrays.stream(String.join(",", args).split("[,\\s]+")).filter(name -> !name.isEmpty()).toList();
    }

    private static ChapterReport read(Path file, String chapter) {
        if (!Files.isRegularFile(file)) {
            // The listener writes a file whenever the tests run; none means they never did.
            return ChapterReport.notRun(chapter, "no results: did it compile?");
        }
        try {
            return ChapterReport.of(JSON.readValue(file.toFile(), ChapterResults.class));
        } catch (IOException e) {
            return ChapterReport.notRun(chapter,
                    "unreadable results in " + file + ": " + Messages.oneLine(e.getMessage(), LINE_MESSAGE));
        }
    }

    private static void print(GradeReport report, PrintStream out) {
        for (ChapterReport chapter : report.chapters()) {
            if (!chapter.ran()) {
                out.println(chapter.chapter() + ": not run (" + chapter.problem() + ")");
                continue;
            }
            out.println(chapter.chapter() + ": " + chapter.earned() + "/" + chapter.possible()
                    + (chapter.skipped() > 0 ? "  (" + chapter.skipped() + " skipped)" : ""));
            for (TestResult test : chapter.tests()) {
                if (test.status() != Status.PASSED) {
                    String message = Messages.oneLine(test.message(), LINE_MESSAGE);
                    out.printf("  %-5s %-7s  %s%s%n", test.exercise(), test.status().label(),
                            test.displayName(), message.isEmpty() ? "" : ": " + message);
                }
            }
            for (UngradedSkip skip : chapter.ungradedSkips()) {
                out.printf("  %-5s %-7s  %s%n", "-", Status.SKIPPED.label(), Messages.oneLine(
                        "(not graded) " + skip.displayName() + ": " + skip.reason(), LINE_MESSAGE));
            }
        }
        out.println("Score: " + report.earned() + "/" + report.possible());
    }
}
