package jocker.course.mutation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jocker.course.mutation.GradedTestRun.Outcome;
import jocker.course.skeleton.StubbedSources;

/**
 * Checks that a chapter's graded tests and its exercises fit together, by
 * running the tests against variants of the reference code in which some
 * exercises are stubs, exactly as the student skeleton has them.
 *
 * <ul>
 * <li><b>Mutation check</b>: with only exercise X stubbed, at least one of
 * X's graded tests fails. A test suite that passes without the exercise's
 * code does not test it.
 * <li><b>Prefix check</b>: with every exercise after X (in book order)
 * stubbed, X's graded tests pass. A student who works in book order can see
 * each exercise pass as soon as it is done. ({@code --prefix=strict} runs the
 * tests of X and of every exercise before it in that variant.)
 * </ul>
 *
 * <p>Each variant is compiled with {@code javax.tools} against the class path
 * of this JVM (the module's test class path) and its tests run in a JVM of
 * their own ({@link GradedTestRun}) with the variant's classes first on the
 * class path, which the containers the tests start inherit. The tests need
 * root, as the graded tests do; without it the check says so and passes.
 *
 * <pre>
 * java -cp &lt;test class path&gt; jocker.course.mutation.MutationCheck \
 *     &lt;chapter&gt; &lt;solutions/0N-x/src/main&gt; &lt;target/test-classes&gt; &lt;work dir&gt; &lt;report dir&gt; \
 *     [--prefix=own|strict] [--chapters=&lt;regex&gt;] [--fail=true|false]
 * </pre>
 *
 * <p>Exit status 0 when both checks hold (or {@code --fail=false}), 1 when
 * one fails, 2 on misuse. A chapter that {@code --chapters} does not match is
 * skipped.
 */
public final class MutationCheck {

    /** The longest one variant's tests may run. */
    private static final long VARIANT_TIMEOUT_MINUTES = 20;

    private final String chapter;
    private final StubbedSources sources;
    private final Path testClasses;
    private final Path work;
    private final boolean strictPrefix;
    private final PrintStream out;

    MutationCheck(String chapter, StubbedSources sources, Path testClasses, Path work, boolean strictPrefix,
            PrintStream out) {
        this.chapter = chapter;
        this.sources = sources;
        this.testClasses = testClasses;
        this.work = work;
        this.strictPrefix = strictPrefix;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        if (positional.size() != 5) {
            System.err.println("usage: MutationCheck <chapter> <solutionMain> <testClasses> <workDir> <reportDir>"
                    + " [--prefix=own|strict] [--chapters=<regex>] [--fail=true|false]");
            System.exit(2);
        }
        String chapter = positional.get(0);
        String only = option(args, "--chapters", ".*");
        if (!chapter.matches(only)) {
            System.out.println("mutation: " + chapter + ": skipped: not in --chapters=" + only);
            return;
        }
        if (!isRoot()) {
            System.out.println("mutation: " + chapter + ": skipped: the graded tests need root");
            return;
        }
        if (!Files.isDirectory(Path.of(positional.get(2)))) {
            System.out.println("mutation: " + chapter + ": skipped: no test classes in " + positional.get(2));
            return;
        }
        boolean strict = option(args, "--prefix", "own").equals("strict");
        MutationCheck check = new MutationCheck(chapter, StubbedSources.read(Path.of(positional.get(1))),
                Path.of(positional.get(2)), Path.of(positional.get(3)), strict, System.out);
        Report report = check.run();
        Path reportDir = Path.of(positional.get(4));
        Files.createDirectories(reportDir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(reportDir.resolve(chapter + ".json").toFile(), report);
        String text = report.text();
        Files.writeString(reportDir.resolve(chapter + ".txt"), text, StandardCharsets.UTF_8);
        System.out.print(text);
        System.out.println("mutation: report in " + reportDir.resolve(chapter + ".json"));
        System.out.flush();
        if (!report.ok() && Boolean.parseBoolean(option(args, "--fail", "true"))) {
            System.exit(1);
        }
    }

    /** The value of {@code --name=value} in {@code args}, or {@code otherwise}. */
    private static String option(String[] args, String name, String otherwise) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(name + "=")).reduce((a, b) -> b)
                .map(arg -> arg.substring(name.length() + 1)).orElse(otherwise);
    }

    /** The report: one entry per exercise, in book order. */
    public record Report(String chapter, String prefixMode, int exercises, int killed, int prefixPassed,
            int variants, double seconds, List<ExerciseResult> results) {

        public boolean ok() {
            return killed == exercises && prefixPassed == exercises;
        }

        String text() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "mutation: %s: %d exercises, %d killed by their tests,"
                    + " %d pass with the later ones stubbed; %d variants in %.0f s%n",
                    chapter, exercises, killed, prefixPassed, variants, seconds));
            for (ExerciseResult result : results) {
                text.append(String.format(Locale.ROOT, "  %-6s %-10s %-14s %s%n", result.exercise(),
                        result.killed() ? "killed" : "NOT KILLED", result.prefixPasses() ? "prefix ok" : "PREFIX FAILS",
                        result.killedBy().stream().map(t -> t.test() + " (" + t.points() + ")")
                                .collect(Collectors.joining(", "))));
                if (!result.killed()) {
                    text.append("         every graded test of ").append(result.exercise())
                            .append(" passes with its code stubbed: ").append(result.tests())
                            .append(" tests ran\n");
                }
                for (Outcome failure : result.prefixFailures()) {
                    text.append("         with ").append(result.stubbedAfter().isEmpty() ? "nothing"
                            : String.join(", ", result.stubbedAfter())).append(" stubbed, ")
                            .append(failure.test()).append(" [").append(failure.exercise()).append("] ")
                            .append(failure.status().toLowerCase(Locale.ROOT)).append(": ")
                            .append(failure.message()).append('\n');
                }
            }
            return text.toString();
        }
    }

    /**
     * One exercise's verdicts.
     *
     * @param tests          how many graded tests it has (that ran with it stubbed)
     * @param killedBy       its tests that failed with only it stubbed
     * @param stubbedAfter   the exercises stubbed for its prefix check
     * @param prefixFailures the tests that failed in that variant
     */
    public record ExerciseResult(String exercise, int tests, boolean killed, List<Outcome> killedBy,
            boolean prefixPasses, List<String> stubbedAfter, List<Outcome> prefixFailures) {
    }

    Report run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> ids = sources.exercises();
        // Variants by the exercises they stub; each runs the tests of the exercises it is asked about.
        Map<Set<String>, Set<String>> variants = new LinkedHashMap<>();
        for (String id : ids) {
            variants.computeIfAbsent(Set.of(id), k -> new TreeSet<>(StubbedSources.BOOK_ORDER)).add(id);
        }
        for (String id : ids) {
            Set<String> after = new LinkedHashSet<>(sources.after(id));
            if (after.isEmpty()) {
                continue; // the reference itself: the normal build runs every test against it
            }
            Set<String> tested = variants.computeIfAbsent(Set.copyOf(after), k -> new TreeSet<>(StubbedSources.BOOK_ORDER));
            if (strictPrefix) {
                ids.stream().filter(other -> StubbedSources.BOOK_ORDER.compare(other, id) <= 0).forEach(tested::add);
            } else {
                tested.add(id);
            }
        }
        out.println("mutation: " + chapter + ": " + ids.size() + " exercises, " + variants.size() + " variants");
        Map<Set<String>, List<Outcome>> outcomes = new LinkedHashMap<>();
        int n = 0;
        for (var variant : variants.entrySet()) {
            n++;
            long variantStart = System.nanoTime();
            List<String> stubbed = variant.getKey().stream().sorted(StubbedSources.BOOK_ORDER).toList();
            List<Outcome> result = runVariant("v" + n, variant.getKey(), variant.getValue());
            outcomes.put(variant.getKey(), result);
            out.printf(Locale.ROOT, "mutation: %s: [%d/%d] stubbed %s, tests of %s: %d run, %d failed (%.0f s)%n",
                    chapter, n, variants.size(), String.join(",", stubbed), String.join(",", variant.getValue()),
                    result.size(), result.stream().filter(Outcome::failed).count(),
                    (System.nanoTime() - variantStart) / 1e9);
        }

        List<ExerciseResult> results = new ArrayList<>();
        for (String id : ids) {
            List<Outcome> own = outcomes.get(Set.of(id)).stream().filter(o -> o.exercise().equals(id)).toList();
            List<Outcome> killers = own.stream().filter(Outcome::failed).toList();
            List<String> after = sources.after(id);
            List<Outcome> prefixFailures = after.isEmpty() ? List.of()
                    : outcomes.get(Set.copyOf(after)).stream()
                            .filter(o -> strictPrefix ? StubbedSources.BOOK_ORDER.compare(o.exercise(), id) <= 0
                                    : o.exercise().equals(id))
                            .filter(o -> !o.status().equals("SUCCESSFUL") && !o.status().equals("SKIPPED"))
                            .toList();
            results.add(new ExerciseResult(id, own.size(), !killers.isEmpty(), killers, prefixFailures.isEmpty(),
                    after, prefixFailures));
        }
        return new Report(chapter, strictPrefix ? "strict" : "own", ids.size(),
                (int) results.stream().filter(ExerciseResult::killed).count(),
                (int) results.stream().filter(ExerciseResult::prefixPasses).count(),
                variants.size(), Math.round((System.nanoTime() - start) / 1e8) / 10.0, results);
    }

    /** Compiles the variant with {@code stubbed} stubbed, runs the graded tests of {@code tested} against it. */
    private List<Outcome> runVariant(String name, Set<String> stubbed, Set<String> tested)
            throws IOException, InterruptedException {
        Path dir = work.resolve(name);
        deleteTree(dir);
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<Path> files = sources.write(stubbed, src, false).stream().map(src::resolve).toList();
        compile(files, classes);

        Path results = dir.resolve("results.json");
        Path log = dir.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
                GradedTestRun.class.getName(), results.toString(), testClasses.toString()));
        command.addAll(tested);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(VARIANT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("variant " + name + " (stubbed " + stubbed + ") still running after "
                    + VARIANT_TIMEOUT_MINUTES + " minutes; its output is in " + log);
        }
        if (process.exitValue() != 0 || !Files.exists(results)) {
            throw new IllegalStateException("the tests of variant " + name + " (stubbed " + stubbed
                    + ") did not run: exit " + process.exitValue() + "; see " + log);
        }
        return Arrays.asList(new ObjectMapper().readValue(results.toFile(), Outcome[].class));
    }

    private static void compile(List<Path> files, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the check on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                    "-implicit:none", "-d", classes.toString(), "-cp", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(messages, manager, diagnostics, options, null,
                    manager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("a variant does not compile: " + diagnostics.getDiagnostics()
                        + messages);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
