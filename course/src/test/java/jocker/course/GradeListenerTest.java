package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradeListenerTest {

    @TempDir
    Path dir;

    private ChapterResults grade(Class<?>... classes) throws IOException {
        Fixtures.run(new GradeListener(dir.toString(), "01-test"), classes);
        return new ObjectMapper().readValue(dir.resolve("01-test.json").toFile(), ChapterResults.class);
    }

    @Test
    @DisplayName("each graded test is recorded with its exercise, points and outcome; ungraded ones are not")
    void recordsGradedTests() throws IOException {
        var results = grade(Sample.class);

        assertThat(results.chapter()).isEqualTo("01-test");
        assertThat(results.tests())
                .extracting(TestResult::method, TestResult::exercise, TestResult::status,
                        TestResult::points, TestResult::earned)
                .containsExactly(
                        tuple("passes", "1.1", Status.PASSED, 3, 3),
                        tuple("fails", "1.2", Status.FAILED, 2, 0),
                        tuple("notDone", "1.3", Status.FAILED, 1, 0),
                        tuple("aborts", "1.4", Status.SKIPPED, 4, 0),
                        tuple("disabled", "1.10", Status.SKIPPED, 5, 0));
    }

    @Test
    @DisplayName("a result says which test it is and why it did not pass")
    void recordsNamesAndMessages() throws IOException {
        var tests = grade(Sample.class).tests();

        assertThat(tests.get(0)).isEqualTo(new TestResult("01-test", "Sample", "passes",
                "the graded test passes", "1.1", 3, Status.PASSED, 3, null));
        assertThat(tests.get(1).message()).startsWith("org.opentest4j.AssertionFailedError: ")
                .contains("expected: 1", "but was: 2");
        assertThat(tests.get(2).message())
                .isEqualTo("jocker.course.ExerciseNotDoneException: exercise 1.3 is not done yet: write it");
        assertThat(tests.get(3).message()).isEqualTo("requires a kernel with cgroup v2");
        assertThat(tests.get(4).message()).isEqualTo("not today");
    }

    @Test
    @DisplayName("the graded tests of a class whose @BeforeAll fails are recorded as failed with its message")
    void containerFailure() throws IOException {
        assertThat(grade(BrokenSetup.class).tests())
                .extracting(TestResult::method, TestResult::status, TestResult::message)
                .containsExactly(
                        tuple("first", Status.FAILED, "java.lang.IllegalStateException: no rootfs"),
                        tuple("second", Status.FAILED, "java.lang.IllegalStateException: no rootfs"));
    }

    @Test
    @DisplayName("the graded tests of a disabled class are recorded as skipped")
    void disabledClass() throws IOException {
        assertThat(grade(DisabledClass.class).tests())
                .extracting(TestResult::method, TestResult::status, TestResult::message)
                .containsExactly(tuple("never", Status.SKIPPED, "whole class off"));
    }

    @Test
    @DisplayName("a parameterized graded test counts once, and fails if any invocation fails")
    void parameterized() throws IOException {
        assertThat(grade(Parameterized.class).tests())
                .extracting(TestResult::method, TestResult::displayName, TestResult::status, TestResult::earned)
                .containsExactly(
                        tuple("allPass", "all pass", Status.PASSED, 2),
                        tuple("oneFails", "one fails", Status.FAILED, 0));
    }

    @Test
    @DisplayName("results are written as the JSON document the grader reads")
    void jsonShape() throws IOException {
        grade(Sample.class);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("01-test.json").toFile());

        assertThat(json.fieldNames()).toIterable().containsExactly("chapter", "tests", "ungradedSkips");
        assertThat(json.get("tests").get(0).fieldNames()).toIterable().containsExactly(
                "chapter", "testClass", "method", "displayName", "exercise", "points", "status", "earned", "message");
        assertThat(json.get("tests").get(1).get("status").asText()).isEqualTo("failed");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("01-test.json"));
        }
    }

    @Test
    @DisplayName("an ungraded test or class that is skipped is recorded with its reason, once; passing ones are not")
    // notHere's reason comes from assumeTrue, whose "Assumption failed: " is left out.
    void ungradedSkips() throws IOException {
        var results = grade(Sample.class, OnlyOnV2.class, MixedSkips.class);

        assertThat(results.ungradedSkips())
                .extracting(UngradedSkip::testClass, UngradedSkip::method, UngradedSkip::displayName,
                        UngradedSkip::reason)
                .containsExactlyInAnyOrder(
                        tuple("OnlyOnV2", null, "Cgroup v2 on a real v2 host", "requires cgroup v2"),
                        tuple("MixedSkips", "notHere", "not on this machine", "requires gcc"));
        assertThat(results.tests()).extracting(TestResult::method).contains("graded");
    }

    @Test
    @DisplayName("without a grade directory the listener writes nothing")
    void idleWithoutDirectory() throws IOException {
        Fixtures.run(new GradeListener(null, "01-test"), Sample.class);
        Fixtures.run(new GradeListener(dir.toString(), "${chapter}"), Sample.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    static class Sample {
        @Test
        @Graded(exercise = "1.1", points = 3)
        @DisplayName("the graded test passes")
        void passes() {
        }

        @Test
        @Graded(exercise = "1.2", points = 2)
        void fails() {
            assertThat(2).isEqualTo(1);
        }

        @Test
        @Graded(exercise = "1.3", points = 1)
        void notDone() {
            Exercise.todo("1.3", "write it");
        }

        @Test
        @Graded(exercise = "1.4", points = 4)
        void aborts() {
            Assumptions.abort("requires a kernel with cgroup v2");
        }

        @Test
        @Graded(exercise = "1.10", points = 5)
        @Disabled("not today")
        void disabled() {
        }

        @Test
        void ungraded() {
        }
    }

    static class BrokenSetup {
        @BeforeAll
        static void setUp() {
            throw new IllegalStateException("no rootfs");
        }

        @Test
        @Graded(exercise = "2.1", points = 1)
        void first() {
        }

        @Test
        @Graded(exercise = "2.2", points = 1)
        void second() {
        }
    }

    @Disabled("whole class off")
    static class DisabledClass {
        @Test
        @Graded(exercise = "3.1", points = 1)
        void never() {
        }
    }

    @DisplayName("Cgroup v2 on a real v2 host")
    static class OnlyOnV2 {
        @BeforeAll
        static void onV2() {
            Assumptions.abort("requires cgroup v2");
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    static class MixedSkips {
        @Test
        @Graded(exercise = "5.1", points = 1)
        void graded() {
        }

        @Test
        @DisplayName("not on this machine")
        void notHere() {
            Assumptions.assumeTrue(false, "requires gcc");
        }

        @Test
        void runs() {
        }
    }

    static class Parameterized {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        @Graded(exercise = "4.1", points = 2)
        @DisplayName("all pass")
        void allPass(int n) {
            assertThat(n).isPositive();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, -2, 3})
        @Graded(exercise = "4.2", points = 2)
        @DisplayName("one fails")
        void oneFails(int n) {
            assertThat(n).isPositive();
        }
    }
}
