package jocker.course.mutation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jocker.course.Graded;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the graded tests of some exercises, in a JVM of its own, and writes
 * their outcomes as JSON. {@link MutationCheck} starts one such JVM per
 * variant of the reference code, with the variant's classes first on the
 * class path: the containers the tests start re-run that class path
 * ({@code java.class.path}), so they run the variant too.
 *
 * <pre>
 * java -cp &lt;variant&gt;:&lt;test class path&gt; jocker.course.mutation.GradedTestRun &lt;results.json&gt; &lt;test-classes&gt; &lt;id&gt;...
 * </pre>
 */
public final class GradedTestRun {

    /** One graded test's outcome. */
    public record Outcome(String test, String name, String exercise, int points, String status, String message) {

        public boolean failed() {
            return status.equals("FAILED");
        }
    }

    private GradedTestRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GradedTestRun <results.json> <test-classes dir> <exercise id>...");
            System.exit(2);
        }
        List<String> ids = List.of(args).subList(2, args.length);
        List<Outcome> outcomes = run(Path.of(args[1]), Set.copyOf(ids));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[0]).toFile(), outcomes);
        // Tests may leave non-daemon threads (a container's stream pumps): this JVM's work is done.
        System.exit(0);
    }

    /** Runs the tests under {@code testClasses} that are {@code @Graded} for one of {@code exercises}. */
    static List<Outcome> run(Path testClasses, Set<String> exercises) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)))
                .filters((PostDiscoveryFilter) descriptor -> graded(descriptor.getSource().orElse(null))
                        .map(graded -> exercises.contains(graded.exercise())
                                ? FilterResult.included("graded for " + graded.exercise())
                                : FilterResult.excluded("graded for another exercise"))
                        .orElseGet(() -> descriptor.isTest()
                                ? FilterResult.excluded("not graded")
                                : FilterResult.included("a container")))
                .build();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        TestExecutionListener listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                record(test, "SKIPPED", reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    record(test, result.getStatus().name(),
                            result.getThrowable().map(GradedTestRun::summary).orElse(null));
                }
            }

            /**
             * A test's outcome; a container's (a class whose set-up failed,
             * or that is disabled) is the outcome of each graded test in it,
             * which never ran.
             */
            private void record(TestIdentifier test, String status, String message) {
                if (!test.isTest()) {
                    plan.getDescendants(test).stream().filter(TestIdentifier::isTest)
                            .forEach(inner -> record(inner, status, message));
                    return;
                }
                graded(test.getSource().orElse(null)).ifPresent(graded -> {
                    MethodSource method = (MethodSource) test.getSource().orElseThrow();
                    outcomes.add(new Outcome(simpleName(method.getClassName()) + "." + method.getMethodName(),
                            test.getDisplayName(), graded.exercise(), graded.points(), status, message));
                });
            }
        };
        LauncherFactory.create(LauncherConfig.builder().build()).execute(request, listener);
        return List.copyOf(outcomes);
    }

    private static Optional<Graded> graded(Object source) {
        if (source instanceof MethodSource method) {
            try {
                return Optional.ofNullable(method.getJavaMethod().getAnnotation(Graded.class));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String summary(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getName() : t.getMessage().strip();
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" | "));
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

}
