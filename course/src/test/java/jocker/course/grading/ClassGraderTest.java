package jocker.course.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class grader's parts, without a build: the grading itself is ClassGradingTest's. */
class ClassGraderTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a chapter that does not compile gets the compiler's first error as its reason")
    void compileError() {
        String log = """
                [ERROR] COMPILATION ERROR :
                [ERROR] /tmp/out/work/course/01-chroot/src/main/java/jocker/chroot/Chroot.java:[12,5] ';' expected
                [ERROR] /tmp/out/work/course/01-chroot/src/main/java/jocker/chroot/Chroot.java:[14,1] class, interface expected
                """;
        var outcome = new TimedProcess.Outcome(1, false, Duration.ofSeconds(9));
        assertThat(ClassGrader.problem("01-chroot", outcome, log))
                .isEqualTo("did not compile: 01-chroot/src/main/java/jocker/chroot/Chroot.java:12: ';' expected");
        assertThat(ClassGrader.problem("02-namespaces", outcome, log)).isEqualTo("did not compile (see build.log)");
        assertThat(ClassGrader.problem("01-chroot", new TimedProcess.Outcome(-1, true, Duration.ofSeconds(60)), ""))
                .isEqualTo("timed out: the build ran past 60 s");
    }

    @Test
    @DisplayName("a command past its time limit is killed, with the processes it started")
    void timeout() throws IOException {
        Path log = dir.resolve("log");
        var outcome = TimedProcess.run(List.of("sh", "-c", "sleep 60 & echo started; wait"), dir, log,
                Duration.ofSeconds(1));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(30));
        assertThat(Files.readString(log)).isEqualTo("started\n");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("sleep 60")
                && p.parent().map(q -> q.pid() == ProcessHandle.current().pid()).orElse(false))).isEmpty();
    }

    @Test
    @DisplayName("time limits read as seconds, minutes or hours")
    void durations() {
        assertThat(ClassGrader.duration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ClassGrader.duration("20m")).isEqualTo(Duration.ofMinutes(20));
        assertThat(ClassGrader.duration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("an archive gives only its regular files under src/main/java, and nothing outside its folder")
    void archives() throws IOException {
        Path zip = dir.resolve("bob.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("jocker/01-chroot/src/main/java/jocker/A.java", "jocker/01-chroot/pom.xml",
                    "jocker/01-chroot/src/test/java/jocker/ATest.java", "../../evil/src/main/java/B.java")) {
                out.putNextEntry(new ZipEntry(name));
                out.write("class A {}".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path submissions = dir.resolve("subs");
        Files.createDirectories(submissions.resolve("alice/02-namespaces/src/main/java"));
        Files.move(zip, submissions.resolve("bob.zip"));
        Files.writeString(submissions.resolve("notes.txt"), "not a hand-in");

        var found = Submissions.find(submissions, List.of("01-chroot", "02-namespaces"), dir.resolve("unpacked"));

        assertThat(found).extracting(Submissions.Submission::student).containsExactly("alice", "bob");
        assertThat(found.get(0).chapters()).containsOnlyKeys("02-namespaces");
        Path bob = found.get(1).chapters().get("01-chroot");
        assertThat(bob.resolve("jocker/A.java")).hasContent("class A {}");
        assertThat(dir.resolve("unpacked/bob/jocker/01-chroot/pom.xml")).doesNotExist();
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(found.get(1).notes()).containsExactly(
                "3 entries of bob.zip left out: only regular files under src/main/java are taken");
        assertThat(Submissions.target(dir, "/etc/src/main/java/x")).isNull();
    }

    @Test
    @DisplayName("CSV cells with commas, quotes or line breaks are quoted")
    void csvCells() {
        assertThat(ClassTable.cell("plain")).isEqualTo("plain");
        assertThat(ClassTable.cell("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }

    @Test
    @DisplayName("misuse says what is wrong and exits with status 2; --help prints the usage")
    void usage() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertThat(ClassGrader.run(new String[] {"--help"}, print, print)).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).startsWith("usage: grade-class SUBMISSIONS_DIR OUT_DIR");
        String root = System.getProperty("jocker.source.root", "..");
        List<String> args = new ArrayList<>(List.of(dir.toString(), dir.resolve("out").toString(),
                "--course", root, "--chapters", "01-chrot"));
        text.reset();
        assertThat(ClassGrader.run(args.toArray(String[]::new), print, print)).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("01-chrot is not a chapter of this course");
    }
}
