package jocker.course.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jocker.course.book.GradeTranscripts;
import jocker.course.book.GradeTranscriptCheck;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class grader on three hand-ins of chapter 1, graded for real by the
 * course's own build: the untouched skeleton, half of the reference code,
 * and all of it. Then the book's transcripts of chapter 1 (ids
 * {@code *-grade-fresh}, {@code *-grade-done}, {@code *-grade-no-busybox})
 * against real runs of the command they show.
 *
 * <p>It copies this repository and builds it, then grades: minutes, and root.
 */
@DisplayName("Grading a class")
class ClassGradingTest {

    private static final String CHAPTER = "01-chroot";

    @TempDir
    static Path dir;

    private static Path root;
    private static Path out;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private static int status;

    @BeforeAll
    static void gradeTheClass() throws IOException {
        String source = System.getProperty("jocker.source.root");
        assumeTrue(source != null, "requires -Djocker.source.root (set by the build)");
        assumeTrue(Files.readString(Path.of("/proc/self/status")).matches("(?s).*\\nUid:\\s+\\d+\\s+0\\s.*"),
                "requires root: the graded tests make chroot jails");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "requires /bin/busybox (busybox-static)");
        root = Path.of(source);
        Path skeleton = root.resolve(CHAPTER).resolve("src/main/java");
        Path reference = root.resolve("solutions").resolve(CHAPTER).resolve("src/main/java");

        Path submissions = dir.resolve("submissions");
        Trees.copy(skeleton, submissions.resolve("empty").resolve(CHAPTER).resolve("src/main/java"), d -> false, false);
        Path half = dir.resolve("half").resolve("jocker").resolve(CHAPTER).resolve("src/main/java");
        // The reference code but for two exercises' files: 1.5 and 1.6 not done, fail at once.
        Trees.copy(reference, half, d -> false, false);
        for (String file : List.of("jocker/chroot/Escape.java", "jocker/images/BusyboxImage.java")) {
            Files.copy(skeleton.resolve(file), half.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        tarGz(dir.resolve("half"), submissions.resolve("half.tar.gz"));
        Trees.copy(reference, submissions.resolve("full").resolve(CHAPTER).resolve("src/main/java"), d -> false, false);

        out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(submissions.toString(), out.toString(), "--chapters", CHAPTER,
                "--course", root.toString(), "--timeout", "10m", "--keep-work"));
        if (Boolean.getBoolean("jocker.maven.offline")) {
            args.add("--offline");
        }
        PrintStream print = new PrintStream(console, true, StandardCharsets.UTF_8);
        status = ClassGrader.run(args.toArray(String[]::new), print, print);
    }

    @Test
    @DisplayName("the CSV has a row per student and exercise: the skeleton earns 0, half the code some, all of it 55")
    void csvRows() throws IOException {
        assertThat(status).as(console.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(out.resolve("grades.csv"));
        assertThat(lines.get(0)).isEqualTo("student,chapter,exercise,points,max,passed,failed,skipped,problem,details");
        Map<String, int[]> totals = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells[1]).isEqualTo(CHAPTER);
            int[] total = totals.computeIfAbsent(cells[0], s -> new int[2]);
            total[0] += Integer.parseInt(cells[3]);
            total[1] += Integer.parseInt(cells[4]);
        }
        assertThat(totals).containsOnlyKeys("empty", "full", "half");
        assertThat(lines).filteredOn(l -> l.startsWith("full,")).hasSize(6)
                .allSatisfy(l -> assertThat(l).matches("full,01-chroot,1\\.[1-6],(\\d+),\\1,\\d+,0,0,,"));
        assertThat(totals.get("empty")).containsExactly(0, 55);
        assertThat(totals.get("half")[1]).isEqualTo(55);
        assertThat(totals.get("half")[0]).isBetween(1, 54);
        assertThat(totals.get("full")).containsExactly(55, 55);
        assertThat(lines).filteredOn(l -> l.startsWith("empty,01-chroot,1.1,"))
                .singleElement().asString().contains("failed: ", "exercise 1.1 is not done yet");
        assertThat(Files.readAllLines(out.resolve("scores.csv"))).startsWith("student,01-chroot,score,possible")
                .contains("empty,0,0,55", "full,55,55,55");
    }

    @Test
    @DisplayName("the JSON has each student's chapters, exercises and tests, and each student's report is kept")
    void json() throws IOException {
        JsonNode grades = new ObjectMapper().readTree(out.resolve("grades.json").toFile());
        assertThat(grades.get("chapters").toString()).isEqualTo("[\"01-chroot\"]");
        JsonNode students = grades.get("students");
        assertThat(students).hasSize(3);
        assertThat(students.get(0).get("student").asText()).isEqualTo("empty");
        assertThat(students.get(1).get("earned").asInt()).isEqualTo(55);
        JsonNode half = students.get(2);
        assertThat(half.get("student").asText()).isEqualTo("half");
        JsonNode exercise = half.get("chapters").get(0).get("exercises").get(0);
        assertThat(exercise.get("exercise").asText()).isEqualTo("1.1");
        assertThat(exercise.get("tests").size()).isEqualTo(exercise.get("passed").asInt()
                + exercise.get("failed").asInt() + exercise.get("skipped").asInt());
        for (String student : List.of("empty", "half", "full")) {
            assertThat(out.resolve("students").resolve(student).resolve("report.html")).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("students/full/grade.txt")))
                .isEqualTo("01-chroot: 55/55\nScore: 55/55\n");
    }

    @Test
    @DisplayName("the book's transcript of an untouched chapter 1 is what its command prints")
    void freshTranscripts() throws IOException {
        List<String> printed = Files.readString(out.resolve("students/empty/build.log")).lines().toList();
        checkTranscripts("-grade-fresh", printed);
    }

    @Test
    @DisplayName("the book's transcript of a finished chapter 1 is what its command prints")
    void doneTranscripts() throws IOException {
        checkTranscripts("-grade-done", Files.readString(out.resolve("students/full/build.log")).lines().toList());
    }

    @Test
    @DisplayName("the book's transcript of a grade without /bin/busybox is what its command prints on such a machine")
    void noBusyboxTranscripts() throws IOException {
        Path copy = out.resolve("work/course");
        Trees.delete(copy);
        Trees.copy(out.resolve("work/clean"), copy, d -> false, true);
        Path java = copy.resolve(CHAPTER).resolve("src/main/java");
        Trees.delete(java);
        Trees.copy(root.resolve("solutions").resolve(CHAPTER).resolve("src/main/java"), java, d -> false, false);
        Path log = dir.resolve("no-busybox.log");
        // A mount namespace of its own, where /bin/busybox is /dev/null: gone for this build only.
        TimedProcess.Outcome outcome = TimedProcess.run(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", "mount --bind /dev/null /bin/busybox && exec ./mvnw -B -q"
                        + (Boolean.getBoolean("jocker.maven.offline") ? " -o" : "")
                        + " -Pgrade -Dgrade.chapters=01-chroot verify"), copy, log, Duration.ofMinutes(10));
        assertThat(outcome.timedOut()).isFalse();
        checkTranscripts("-grade-no-busybox", Files.readString(log).lines().toList());
    }

    private static void checkTranscripts(String idSuffix, List<String> printed) throws IOException {
        int found = 0;
        for (Path file : GradeTranscriptCheck.bookFiles(root)) {
            for (GradeTranscripts.Block block : GradeTranscripts.read(file)) {
                // Chapters 2 to 4 have -grade-done transcripts too: GradeTranscriptCheck checks those.
                if (block.id() == null || !block.id().endsWith(idSuffix)
                        || !CHAPTER.equals(block.property("grade.chapters"))) {
                    continue;
                }
                assertThat(block.command()).as(block.where())
                        .isEqualTo("./mvnw -B -q -Pgrade -Dgrade.chapters=01-chroot verify");
                assertThat(GradeTranscripts.mismatch(block.output(), printed)).as(block.where()).isNull();
                found++;
            }
        }
        assertThat(found).as("transcripts with an id ending in " + idSuffix).isPositive();
    }

    private static void tarGz(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (var file = Files.newOutputStream(to);
             var gzip = new java.util.zip.GZIPOutputStream(file);
             var tar = new TarArchiveOutputStream(gzip);
             var walk = Files.walk(from)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(p.toFile(), from.relativize(p).toString());
                tar.putArchiveEntry(entry);
                Files.copy(p, tar);
                tar.closeArchiveEntry();
            }
        }
    }
}
