package jocker.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records the outcome of every {@link Graded} test into
 * {@code <jocker.grade.dir>/<jocker.grade.chapter>.json} (shape: {@link ChapterResults}).
 *
 * <p>Registered through {@code META-INF/services}, so every JUnit Platform run
 * with this module on the class path has it; it stays idle unless the system
 * property {@code jocker.grade.dir} is set, as the root pom's surefire
 * configuration does.
 *
 * <p>A graded method is one unit however many results it yields: the results
 * of its invocations (parameterized, repeated, dynamic tests) roll up into it,
 * and the worst one stands. A method that never starts because its class
 * failed or was skipped (a failing {@code @BeforeAll}, a disabled class) gets
 * the class's result, so that it still shows up in the report.
 */
public final class GradeListener implements TestExecutionListener {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final String chapter;
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private final Map<String, UngradedSkip> ungradedSkips = new LinkedHashMap<>();
    private TestPlan plan;

    /** The listener surefire gets, configured by the system properties. */
    public GradeListener() {
        this(System.getProperty("jocker.grade.dir"), System.getProperty("jocker.grade.chapter"));
    }

    /** A listener that writes {@code <dir>/<chapter>.json}; idle when either is blank or an unresolved Maven property. */
    GradeListener(String dir, String chapter) {
        boolean active = usable(dir) && usable(chapter);
        this.dir = active ? Path.of(dir) : null;
        this.chapter = active ? chapter : null;
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        if (dir == null) {
            return;
        }
        // Surefire may run several plans in one JVM (one per class, or reruns):
        // a method's newest run replaces what an earlier plan said about it.
        testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).forEach(id -> {
            graded(id).ifPresent(unit -> results.remove(unit.key()));
            skipKey(id).ifPresent(ungradedSkips::remove);
        }));
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (dir != null) {
            record(id, Status.SKIPPED, reason);
            recordUngraded(id, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (dir == null) {
            return;
        }
        Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case ABORTED -> Status.SKIPPED;
            case FAILED -> Status.FAILED;
        };
        // An abort's message is its reason, like a disabled test's: no exception name, and
        // not assumeTrue's "Assumption failed: " either.
        String message = result.getThrowable()
                .map(t -> status == Status.SKIPPED && t.getMessage() != null
                        ? t.getMessage().replaceFirst("^Assumption failed: ", "") : Messages.of(t))
                .orElse(null);
        record(id, status, message);
        if (status == Status.SKIPPED) {
            recordUngraded(id, message);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (dir == null) {
            return;
        }
        // Nothing should be left, but a graded method missing from the report
        // would silently lower the possible score.
        testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).forEach(id -> graded(id)
                .filter(unit -> unit.id().equals(id) && !results.containsKey(unit.key()))
                .ifPresent(unit -> put(unit, Status.SKIPPED, "the test did not run"))));
        write();
    }

    /**
     * Records a result for the graded method {@code id} is, or belongs to; for a
     * container that did not pass, also for each graded method under it that has
     * no result yet: those never started.
     */
    private void record(TestIdentifier id, Status status, String message) {
        graded(id).ifPresent(unit -> put(unit, status, message));
        if (id.isContainer() && status != Status.PASSED && plan != null) {
            for (TestIdentifier descendant : plan.getDescendants(id)) {
                graded(descendant)
                        .filter(unit -> unit.id().equals(descendant) && !results.containsKey(unit.key()))
                        .ifPresent(unit -> put(unit, status, message));
            }
        }
    }

    /**
     * Records a skipped class or method that holds no graded test: it earns
     * nothing, but the grade still says that it did not run, and why. A class
     * skipped as a whole stands for its methods, which JUnit never reports.
     */
    private void recordUngraded(TestIdentifier id, String reason) {
        if (plan == null || graded(id).isPresent()
                || plan.getDescendants(id).stream().anyMatch(d -> graded(d).isPresent())) {
            return;
        }
        for (TestIdentifier up = parent(id); up != null; up = parent(up)) {
            if (skipKey(up).filter(ungradedSkips::containsKey).isPresent()) {
                return;
            }
        }
        Optional<String> key = skipKey(id);
        if (key.isEmpty()) {
            return;
        }
        TestSource source = id.getSource().orElseThrow();
        String className = source instanceof MethodSource method ? method.getClassName()
                : ((ClassSource) source).getClassName();
        String method = source instanceof MethodSource m ? m.getMethodName() : null;
        String simpleName = className.substring(
                Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        ungradedSkips.putIfAbsent(key.get(), new UngradedSkip(simpleName, method, id.getDisplayName(),
                reason == null || reason.isBlank() ? "skipped" : reason));
    }

    /** The key of a class or method node, the unit of an ungraded skip. */
    private static Optional<String> skipKey(TestIdentifier id) {
        return id.getSource().flatMap(source -> {
            if (source instanceof MethodSource method) {
                return Optional.of(method.getClassName() + "#" + method.getMethodName()
                        + "(" + method.getMethodParameterTypes() + ")");
            }
            if (source instanceof ClassSource type) {
                return Optional.of(type.getClassName());
            }
            return Optional.empty();
        });
    }

    private void put(GradedUnit unit, Status status, String message) {
        TestResult result = TestResult.of(chapter, unit.source().getJavaClass().getSimpleName(),
                unit.source().getMethodName(), unit.id().getDisplayName(), unit.graded(), status, message);
        results.merge(unit.key(), result, TestResult::merge);
    }

    /**
     * The graded method {@code id} is or belongs to. A parameterized test's
     * invocations carry the same method source as their template: the
     * outermost node of that method stands for it, with the method's display name.
     */
    private Optional<GradedUnit> graded(TestIdentifier id) {
        for (TestIdentifier current = id; current != null; current = parent(current)) {
            Optional<GradedUnit> unit = unitAt(current);
            if (unit.isPresent()) {
                GradedUnit outermost = unit.get();
                for (TestIdentifier up = parent(current); up != null; up = parent(up)) {
                    Optional<GradedUnit> above = unitAt(up);
                    if (above.isEmpty() || !above.get().key().equals(outermost.key())) {
                        break;
                    }
                    outermost = above.get();
                }
                return Optional.of(outermost);
            }
        }
        return Optional.empty();
    }

    private static Optional<GradedUnit> unitAt(TestIdentifier id) {
        return id.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(source -> GradedUnit.of(id, source));
    }

    private TestIdentifier parent(TestIdentifier id) {
        return plan == null ? null : plan.getParent(id).orElse(null);
    }

    private void write() {
        var tests = results.values().stream().sorted(TestResult.ORDER).toList();
        Path file = dir.resolve(chapter + ".json");
        try {
            Files.createDirectories(dir);
            // Write then rename: the grader never reads half a file.
            Path temp = Files.createTempFile(dir, chapter, ".json.tmp");
            JSON.writeValue(temp.toFile(), new ChapterResults(chapter, tests, List.copyOf(ungradedSkips.values())));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grade results " + file, e);
        }
    }

    /** A test method that carries {@link Graded}, with the plan's node that stands for it. */
    private record GradedUnit(TestIdentifier id, MethodSource source, Graded graded) {

        static Optional<GradedUnit> of(TestIdentifier id, MethodSource source) {
            try {
                Method method = source.getJavaMethod();
                return Optional.ofNullable(method.getAnnotation(Graded.class))
                        .map(graded -> new GradedUnit(id, source, graded));
            } catch (RuntimeException e) {
                // The class or method cannot be loaded: the engine reports that failure itself.
                return Optional.empty();
            }
        }

        String key() {
            return source.getClassName() + "#" + source.getMethodName()
                    + "(" + source.getMethodParameterTypes() + ")";
        }
    }
}
