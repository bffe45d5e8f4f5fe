package jocker.course;

import java.util.List;

/**
 * One chapter's results file, {@code target/grade/<target>/<chapter>.json}:
 *
 * <pre>{@code
 * {
 *   "chapter": "01-chroot",
 *   "tests": [
 *     { "chapter": "01-chroot", "testClass": "ChrootTest", "method": "seesRootfsAsRoot",
 *       "displayName": "the jailed process sees the rootfs as /", "exercise": "1.1",
 *       "points": 3, "status": "failed", "earned": 0,
 *       "message": "jocker.course.ExerciseNotDoneException: exercise 1.1 is not done yet: ..." }
 *   ]
 * }
 * }</pre>
 *
 * @param chapter the chapter module, e.g. {@code 01-chroot}
 * @param tests   one entry per graded test method, in {@link TestResult#ORDER}
 */
record ChapterResults(String chapter, List<TestResult> tests) {

    ChapterResults {
        tests = List.copyOf(tests);
    }

    int earned() {
        return tests.stream().mapToInt(TestResult::earned).sum();
    }

    int possible() {
        return tests.stream().mapToInt(TestResult::points).sum();
    }

    long count(Status status) {
        return tests.stream().filter(test -> test.status() == status).count();
    }
}
