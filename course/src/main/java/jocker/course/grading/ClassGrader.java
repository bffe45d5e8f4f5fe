package jocker.course.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.ChapterResults;
import jocker.course.Exercise;
import jocker.course.Grader;
import jocker.course.Status;
import jocker.course.TestResult;

/**
 * Grades a class: every student's hand-in, one student at a time, each in a
 * clean copy of the course with only the student's {@code src/main/java} of
 * each chapter put in. See {@link #USAGE}, and the instructor guide's
 * "Grading a class".
 *
 * <p>The course is built once (the course machinery, the reference code),
 * and that build is copied for each student, so that a student's build
 * compiles only the student's own chapters. Each student's build is the one a
 * student runs, {@code ./mvnw -B -q -Pgrade -Dgrade.chapters=... verify}, with
 * {@code -fae} so that a chapter that does not compile costs only itself.
 */
public final class ClassGrader {

    static final String USAGE = """
            usage: grade-class SUBMISSIONS_DIR OUT_DIR [--chapters 01-chroot,...] [--timeout 20m]
                               [--offline] [--keep-work]

            Grades each student's hand-in in a clean copy of this course, one student at a time.

            SUBMISSIONS_DIR  one entry per student, named after the student: a folder holding the
                             student's workspaces (alice/01-chroot/src/main/java/...), or an archive
                             of them (bob.zip, carol.tar.gz, .tgz, .tar). The workspaces may also
                             sit one folder down (alice/jocker/01-chroot/...). Only each chapter's
                             src/main/java is taken, and only its regular files.
            OUT_DIR          gets grades.csv (a row per student, chapter and exercise: points, max,
                             failed and skipped tests and why), grades.json (the same, with every
                             test), scores.csv (a row per student, a column per chapter), and
                             students/NAME/ (build.log, grade.txt, report.html, report.json).
                             It must be new, empty, or an earlier OUT_DIR.

            --chapters LIST  the chapters to grade, separated by commas (default: all)
            --timeout TIME   the limit for one student's build: 90s, 20m (default 20m); past it the
                             build is killed and its unfinished chapters score 0, "timed out"
            --offline        build with Maven offline (-o): everything must be in ~/.m2 already
            --keep-work      keep OUT_DIR/work, the copies the builds ran in
            --course DIR     the course to copy (default: the current directory)

            Run it as root, like the tests: it runs the students' code as root. Use a disposable
            virtual machine.
            """;

    private static final Pattern COURSE_CHAPTERS = Pattern.compile("<course\\.chapters>([^<]*)</course\\.chapters>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path course;
    private final Path submissions;
    private final Path out;
    private final List<String> chapters;
    private final Duration timeout;
    private final boolean offline;
    private final boolean keepWork;
    private final PrintStream log;

    private ClassGrader(Path course, Path submissions, Path out, List<String> chapters, Duration timeout,
                        boolean offline, boolean keepWork, PrintStream log) {
        this.course = course;
        this.submissions = submissions;
        this.out = out;
        this.chapters = chapters;
        this.timeout = timeout;
        this.offline = offline;
        this.keepWork = keepWork;
        this.log = log;
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Grades the class; returns 0 when every student was graded, 1 when the course would not build, 2 on misuse. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path course = Path.of("").toAbsolutePath();
        List<String> positional = new ArrayList<>();
        String chapters = null;
        Duration timeout = Duration.ofMinutes(20);
        boolean offline = false;
        boolean keepWork = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--chapters" -> chapters = value(args, ++i, "--chapters");
                    case "--timeout" -> timeout = duration(value(args, ++i, "--timeout"));
                    case "--offline" -> offline = true;
                    case "--keep-work" -> keepWork = true;
                    case "--course" -> course = Path.of(value(args, ++i, "--course")).toAbsolutePath();
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new IllegalArgumentException("give SUBMISSIONS_DIR and OUT_DIR");
            }
            List<String> all = courseChapters(course);
            List<String> asked = chapters == null ? all : Grader.chapters(List.of(chapters));
            for (String chapter : asked) {
                if (!all.contains(chapter)) {
                    throw new IllegalArgumentException("--chapters: " + chapter + " is not a chapter of this course;"
                            + " its chapters are " + String.join(",", all));
                }
            }
            Path submissions = Path.of(positional.get(0)).toAbsolutePath().normalize();
            Path outDir = Path.of(positional.get(1)).toAbsolutePath().normalize();
            if (!Files.isDirectory(submissions)) {
                throw new IllegalArgumentException(submissions + ": no such folder");
            }
            if (outDir.startsWith(submissions)) {
                throw new IllegalArgumentException("OUT_DIR must not be inside SUBMISSIONS_DIR");
            }
            checkOut(outDir);
            return new ClassGrader(course, submissions, outDir, asked, timeout, offline, keepWork, out).grade();
        } catch (IllegalArgumentException e) {
            err.println("grade-class: " + e.getMessage());
            err.println("Run grade-class --help for the usage.");
            return 2;
        } catch (IOException e) {
            err.println("grade-class: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)([smh]?)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--timeout " + text + ": give seconds, or a number with s, m or h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The course's chapters, from the root pom's {@code course.chapters}: one list for the build and this. */
    static List<String> courseChapters(Path course) throws IOException {
        Path pom = course.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IllegalArgumentException(course + " is not the course's top folder (no pom.xml); use --course");
        }
        Matcher m = COURSE_CHAPTERS.matcher(Files.readString(pom));
        if (!m.find()) {
            throw new IllegalArgumentException(pom + " has no <course.chapters>");
        }
        return Grader.chapters(List.of(m.group(1)));
    }

    private static void checkOut(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return;
        }
        try (var list = Files.list(outDir)) {
            if (list.findAny().isPresent() && !Files.exists(outDir.resolve("grades.json"))) {
                throw new IllegalArgumentException(outDir + " holds other files: give a new or empty OUT_DIR");
            }
        }
    }

    private int grade() throws IOException {
        Path work = out.resolve("work");
        Path students = out.resolve("students");
        Files.createDirectories(out);
        Trees.delete(work);
        Trees.delete(students);
        for (String file : List.of("grades.json", "grades.csv", "scores.csv")) {
            Files.deleteIfExists(out.resolve(file));
        }
        Files.createDirectories(students);
        List<Submissions.Submission> found = Submissions.find(submissions, chapters, work.resolve("unpacked"));
        log.printf("grade-class: %d students, chapters %s%n", found.size(), String.join(",", chapters));

        Path copy = work.resolve("course");
        Path clean = work.resolve("clean");
        buildBase(copy, clean, work);

        Map<String, Map<String, Integer>> points = new LinkedHashMap<>();
        for (String chapter : chapters) {
            points.put(chapter, GradedPoints.of(clean.resolve(chapter).resolve("src/test/java")));
        }
        List<ClassGrades.Student> graded = new ArrayList<>();
        for (Submissions.Submission submission : found) {
            graded.add(gradeStudent(submission, copy, clean, students.resolve(submission.student()), points));
        }
        ClassTable.write(new ClassGrades(chapters, graded), out);
        if (!keepWork) {
            Trees.delete(work);
        }
        log.printf("grade-class: wrote %s, %s and %s%n", out.resolve("grades.csv"), out.resolve("grades.json"),
                out.resolve("scores.csv"));
        return 0;
    }

    /**
     * Copies the course without build output or the course's own {@code .git},
     * builds it once without tests, and keeps that as the clean copy every
     * student starts from. The graded workspaces' build output goes: their
     * classes are the students' to compile.
     */
    private void buildBase(Path copy, Path clean, Path work) throws IOException {
        Set<Path> leaveOut = Set.of(out, submissions);
        Trees.copy(course, copy, dir -> leaveOut.contains(dir) || Set.of("target", ".git", ".idea")
                .contains(dir.getFileName().toString()), true);
        Path buildLog = work.resolve("course-build.log");
        log.printf("grade-class: building the course once (log: %s)%n", buildLog);
        List<String> command = maven("-DskipTests", "-Dskeleton.skip", "-Dbook.skip",
                "-Dgrade.chapters=" + String.join(",", chapters), "package");
        TimedProcess.Outcome built = TimedProcess.run(command, copy, buildLog, Duration.ofMinutes(30));
        if (built.timedOut() || built.exitStatus() != 0) {
            throw new IOException("the course does not build, so no student can be graded: see " + buildLog);
        }
        for (String chapter : chapters) {
            Trees.delete(copy.resolve(chapter).resolve("target"));
        }
        Files.move(copy, clean, StandardCopyOption.ATOMIC_MOVE);
        log.printf("grade-class: built the course in %d s%n", built.took().toSeconds());
    }

    private List<String> maven(String... args) {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(Arrays.asList(args));
        return command;
    }

    private ClassGrades.Student gradeStudent(Submissions.Submission submission, Path copy, Path clean, Path dir,
                                             Map<String, Map<String, Integer>> points) throws IOException {
        Files.createDirectories(dir);
        List<String> notes = new ArrayList<>(submission.notes());
        List<String> handedIn = chapters.stream().filter(submission.chapters()::containsKey).toList();
        Trees.delete(copy);
        Trees.copy(clean, copy, d -> false, true);
        for (String chapter : handedIn) {
            Path java = copy.resolve(chapter).resolve("src/main/java");
            Trees.delete(java);
            int leftOut = Trees.copy(submission.chapters().get(chapter), java, d -> false, false);
            if (leftOut > 0) {
                notes.add(chapter + ": " + leftOut + " links or special files in src/main/java left out");
            }
        }
        Path buildLog = dir.resolve("build.log");
        Files.deleteIfExists(buildLog);
        TimedProcess.Outcome outcome = new TimedProcess.Outcome(0, false, Duration.ZERO);
        if (!handedIn.isEmpty()) {
            outcome = TimedProcess.run(maven("-fae", "-Pgrade", "-Dgrade.chapters=" + String.join(",", handedIn),
                    "verify"), copy, buildLog, timeout);
        }
        String buildOutput = Files.exists(buildLog) ? Files.readString(buildLog, StandardCharsets.UTF_8) : "";
        Path gradeDir = copy.resolve("target/grade");
        List<ClassGrades.Chapter> graded = new ArrayList<>();
        for (String chapter : chapters) {
            Path results = gradeDir.resolve("workspaces").resolve(chapter + ".json");
            Map<String, Integer> max = points.get(chapter);
            if (!handedIn.contains(chapter)) {
                graded.add(notGraded(chapter, "not handed in", max));
            } else if (Files.isRegularFile(results)) {
                graded.add(chapter(JSON.readValue(results.toFile(), ChapterResults.class), max));
            } else {
                graded.add(notGraded(chapter, problem(chapter, outcome, buildOutput), max));
            }
        }
        if (!handedIn.isEmpty()) {
            report(gradeDir, handedIn, dir);
        }
        int earned = graded.stream().mapToInt(ClassGrades.Chapter::earned).sum();
        int possible = graded.stream().mapToInt(ClassGrades.Chapter::possible).sum();
        StringBuilder line = new StringBuilder(submission.student() + ":");
        for (ClassGrades.Chapter chapter : graded) {
            line.append("  ").append(chapter.chapter()).append(' ').append(chapter.earned()).append('/')
                    .append(chapter.possible()).append(chapter.problem() == null ? "" : " (" + chapter.problem() + ")");
        }
        log.printf("%s  Score: %d/%d  (%d s)%n", line, earned, possible, outcome.took().toSeconds());
        return new ClassGrades.Student(submission.student(), earned, possible, graded, notes,
                outcome.took().toSeconds());
    }

    /** The student's grade as the Grader prints and writes it, into the student's folder. */
    private static void report(Path gradeDir, List<String> handedIn, Path dir) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            Grader.run(new String[] {gradeDir.toString(), "workspaces", String.join(",", handedIn)}, print, print);
        }
        Files.write(dir.resolve("grade.txt"), text.toByteArray());
        for (String file : List.of("report.json", "report.html")) {
            Files.copy(gradeDir.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Why a handed-in chapter has no results: the first compiler error in its sources, or the time limit. */
    static String problem(String chapter, TimedProcess.Outcome outcome, String buildOutput) {
        Matcher error = Pattern.compile("(?m)^\\[ERROR\\] \\S*/(" + Pattern.quote(chapter)
                + "/src/main/java/\\S+\\.java):\\[(\\d+),\\d+\\] (.*)$").matcher(buildOutput);
        if (error.find()) {
            return "did not compile: " + error.group(1) + ":" + error.group(2) + ": " + error.group(3).strip();
        }
        if (outcome.timedOut()) {
            return "timed out: the build ran past " + outcome.took().toSeconds() + " s";
        }
        if (buildOutput.contains("COMPILATION ERROR")) {
            return "did not compile (see build.log)";
        }
        return "no results: the tests did not run (see build.log)";
    }

    private static ClassGrades.Chapter notGraded(String chapter, String problem, Map<String, Integer> max) {
        List<ClassGrades.Exercise> exercises = max.entrySet().stream()
                .map(e -> new ClassGrades.Exercise(e.getKey(), 0, e.getValue(), 0, 0, 0, List.of()))
                .toList();
        int possible = max.values().stream().mapToInt(Integer::intValue).sum();
        return new ClassGrades.Chapter(chapter, false, problem, 0, possible, exercises, List.of());
    }

    private static ClassGrades.Chapter chapter(ChapterResults results, Map<String, Integer> max) {
        Map<String, List<TestResult>> byExercise = new java.util.TreeMap<>(Exercise.BOOK_ORDER);
        max.keySet().forEach(exercise -> byExercise.put(exercise, new ArrayList<>()));
        for (TestResult test : results.tests()) {
            byExercise.computeIfAbsent(test.exercise(), e -> new ArrayList<>()).add(test);
        }
        List<ClassGrades.Exercise> exercises = new ArrayList<>();
        byExercise.forEach((exercise, tests) -> exercises.add(new ClassGrades.Exercise(exercise,
                tests.stream().mapToInt(TestResult::earned).sum(),
                tests.stream().mapToInt(TestResult::points).sum(),
                count(tests, Status.PASSED), count(tests, Status.FAILED), count(tests, Status.SKIPPED),
                List.copyOf(tests))));
        return new ClassGrades.Chapter(results.chapter(), true, null, results.earned(), results.possible(),
                exercises, results.ungradedSkips());
    }

    private static int count(List<TestResult> tests, Status status) {
        return (int) tests.stream().filter(test -> test.status() == status).count();
    }
}
