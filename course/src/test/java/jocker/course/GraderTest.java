package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraderTest {

    @TempDir
    Path gradeDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void results(String chapter, TestResult... tests) throws IOException {
        Files.createDirectories(gradeDir.resolve("workspaces"));
        new ObjectMapper().writeValue(gradeDir.resolve("workspaces/" + chapter + ".json").toFile(),
                new ChapterResults(chapter, List.of(tests)));
    }

    private static TestResult test(String exercise, String name, int points, Status status, String message) {
        return new TestResult("01-chroot", "ChrootTest", name.replace(' ', '_'), name, exercise, points, status,
                status == Status.PASSED ? points : 0, message);
    }

    private int grade(String... chapters) throws IOException {
        String[] args = new String[chapters.length + 2];
        args[0] = gradeDir.toString();
        args[1] = "workspaces";
        System.arraycopy(chapters, 0, args, 2, chapters.length);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Grader.run(args, print, print);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @DisplayName("prints a line per chapter, a line per test that did not pass, and the score last")
    void printsScore() throws IOException {
        results("01-chroot",
                test("1.1", "enters the jail", 3, Status.PASSED, null),
                test("1.2", "sees its own hostname", 2, Status.FAILED,
                        "org.opentest4j.AssertionFailedError: \nexpecting:\n  \"host\"\nto be equal to:\n  \"jocker\""),
                test("1.3", "mounts proc", 4, Status.SKIPPED, "requires root: it mounts"));

        assertThat(grade("01-chroot")).isEqualTo(1);
        assertThat(lines()).containsExactly(
                "01-chroot: 3/9  (1 skipped)",
                "  1.2   failed   sees its own hostname: expecting: \"host\" to be equal to: \"jocker\"",
                "  1.3   skipped  mounts proc: requires root: it mounts",
                "Score: 3/9");
    }

    @Test
    @DisplayName("full marks exit with status 0")
    void fullMarks() throws IOException {
        results("01-chroot", test("1.1", "enters the jail", 3, Status.PASSED, null));
        results("02-namespaces", test("2.1", "has pid 1", 2, Status.PASSED, null));

        assertThat(grade("01-chroot", "02-namespaces")).isZero();
        assertThat(lines()).containsExactly("01-chroot: 3/3", "02-namespaces: 2/2", "Score: 5/5");
    }

    @Test
    @DisplayName("a chapter without results did not run: no full marks")
    void missingChapter() throws IOException {
        results("01-chroot", test("1.1", "enters the jail", 3, Status.PASSED, null));

        assertThat(grade("01-chroot", "02-namespaces")).isEqualTo(1);
        assertThat(lines()).containsExactly(
                "01-chroot: 3/3", "02-namespaces: not run (no results: did it compile?)", "Score: 3/3");
    }

    @Test
    @DisplayName("the chapters come as one argument, separated by commas; only those are graded")
    void commaSeparatedChapters() throws IOException {
        results("01-chroot", test("1.1", "enters the jail", 3, Status.PASSED, null));
        results("02-namespaces", test("2.1", "has pid 1", 2, Status.FAILED, "no"));

        assertThat(grade("01-chroot")).isZero();
        assertThat(lines()).containsExactly("01-chroot: 3/3", "Score: 3/3");
        assertThat(Grader.chapters(List.of("01-chroot,02-namespaces"))).containsExactly("01-chroot", "02-namespaces");
        assertThat(Grader.chapters(List.of("01-chroot 02-namespaces", "03-cgroups")))
                .containsExactly("01-chroot", "02-namespaces", "03-cgroups");
    }

    @Test
    @DisplayName("an ungraded test that was skipped shows, with its reason, and costs nothing")
    void ungradedSkip() throws IOException {
        Files.createDirectories(gradeDir.resolve("workspaces"));
        new ObjectMapper().writeValue(gradeDir.resolve("workspaces/03-cgroups.json").toFile(),
                new ChapterResults("03-cgroups", List.of(test("3.1", "limits memory", 2, Status.PASSED, null)),
                        List.of(new UngradedSkip("CgroupV2HostTest", null, "Cgroup v2 on a real v2 host",
                                "requires cgroup v2"))));

        assertThat(grade("03-cgroups")).isZero();
        assertThat(lines()).containsExactly(
                "03-cgroups: 2/2",
                "  -     skipped  (not graded) Cgroup v2 on a real v2 host: requires cgroup v2",
                "Score: 2/2");
        assertThat(Files.readString(gradeDir.resolve("report.html"))).contains("not graded", "requires cgroup v2");
    }

    @Test
    @DisplayName("no tests at all is not full marks")
    void noTests() throws IOException {
        results("01-chroot");
        assertThat(grade("01-chroot")).isEqualTo(1);
        assertThat(lines()).containsExactly("01-chroot: 0/0", "Score: 0/0");
    }

    @Test
    @DisplayName("writes report.json with totals and report.html with escaped messages")
    void writesReports() throws IOException {
        results("01-chroot",
                test("1.1", "enters the jail", 3, Status.PASSED, null),
                test("1.2", "runs <sh>", 2, Status.FAILED, "java.lang.IllegalStateException: a < b & \"c\""));
        grade("01-chroot", "02-namespaces");

        JsonNode json = new ObjectMapper().readTree(gradeDir.resolve("report.json").toFile());
        assertThat(json.get("target").asText()).isEqualTo("workspaces");
        assertThat(json.get("earned").asInt()).isEqualTo(3);
        assertThat(json.get("possible").asInt()).isEqualTo(5);
        assertThat(json.get("fullMarks").asBoolean()).isFalse();
        assertThat(json.get("chapters").get(0).get("tests")).hasSize(2);
        assertThat(json.get("chapters").get(1).get("ran").asBoolean()).isFalse();

        String html = Files.readString(gradeDir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("runs &lt;sh&gt;", "IllegalStateException: a &lt; b &amp; &quot;c&quot;",
                        "class=\"badge failed\"", "02-namespaces", "not run")
                .doesNotContain("<sh>", "java.lang.");
    }

    @Test
    @DisplayName("exercises sort by number: 1.2 before 1.10")
    void exerciseOrder() {
        assertThat(TestResult.compareExercises("1.2", "1.10")).isNegative();
        assertThat(TestResult.compareExercises("2.1", "1.10")).isPositive();
        assertThat(TestResult.compareExercises("1.1", "1.1")).isZero();
    }

    @Test
    @DisplayName("misuse prints the usage and exits with status 2")
    void usage() throws IOException {
        assertThat(grade()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: Grader");
    }
}
