package jocker.course.skeleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that exercises and graded tests match one to one in both directions:
 * an exercise without a test cannot be graded, a test for no exercise grades
 * nothing a student writes.
 */
final class Coverage {

    private Coverage() {
    }

    /** The problems, one sentence each; empty when every exercise has a test and every test an exercise. */
    static List<String> problems(List<Region> regions, List<GradedTest> tests) {
        List<String> problems = new ArrayList<>();
        if (regions.isEmpty()) {
            problems.add("no exercise regions ('// begin exercise <id>: <hint>') in the solution");
        }
        Set<String> exercises = new LinkedHashSet<>();
        regions.forEach(region -> exercises.add(region.id()));
        Set<String> tested = new TreeSet<>();
        for (GradedTest test : tests) {
            tested.add(test.exercise());
            if (test.exercise().isEmpty()) {
                problems.add(test.file() + ":" + test.line()
                        + ": @Graded needs a literal exercise id, e.g. @Graded(exercise = \"1.1\", points = 3)");
            } else if (!exercises.contains(test.exercise())) {
                problems.add(test.file() + ":" + test.line() + ": @Graded names exercise " + test.exercise()
                        + ", which no region in the solution defines");
            }
        }
        for (Region region : regions) {
            if (!tested.contains(region.id()) && exercises.remove(region.id())) {
                problems.add(region.file() + ":" + region.line() + ": exercise " + region.id()
                        + " has no @Graded test");
            }
        }
        return problems;
    }
}
