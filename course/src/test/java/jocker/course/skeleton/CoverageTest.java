package jocker.course.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static Region region(String id) {
        return new Region(id, "hint", "jocker/Jail.java", 10, false);
    }

    @Test
    @DisplayName("@Graded is found with either attribute order and any spacing")
    void scansAnnotations() {
        var tests = GradedTests.scan("ChrootTest.java", """
                class ChrootTest {
                    @Graded(exercise = "1.1", points = 3)
                    void a() {}
                    @Graded( points=2,exercise="1.2" )
                    void b() {}
                    @jocker.course.Graded(
                            exercise = "1.3",
                            points = 1)
                    void c() {}
                }
                """);
        assertThat(tests).containsExactly(
                new GradedTest("1.1", "ChrootTest.java", 2),
                new GradedTest("1.2", "ChrootTest.java", 4),
                new GradedTest("1.3", "ChrootTest.java", 6));
    }

    @Test
    @DisplayName("every exercise has a test and every test an exercise: no problems")
    void covered() {
        var tests = List.of(new GradedTest("1.1", "A.java", 1), new GradedTest("1.1", "A.java", 5),
                new GradedTest("1.2", "A.java", 9));
        // One exercise may span two regions.
        assertThat(Coverage.problems(List.of(region("1.1"), region("1.2"), region("1.2")), tests)).isEmpty();
    }

    @Test
    @DisplayName("an exercise without a test, or a test for no exercise, is a problem")
    void uncovered() {
        var problems = Coverage.problems(List.of(region("1.1"), region("1.2")),
                List.of(new GradedTest("1.1", "A.java", 3), new GradedTest("1.9", "A.java", 7)));
        assertThat(problems).containsExactly(
                "A.java:7: @Graded names exercise 1.9, which no region in the solution defines",
                "jocker/Jail.java:10: exercise 1.2 has no @Graded test");
    }

    @Test
    @DisplayName("a solution without exercises is a problem")
    void noExercises() {
        assertThat(Coverage.problems(List.of(), List.of())).containsExactly(
                "no exercise regions ('// begin exercise <id>: <hint>') in the solution");
    }
}
