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
 *   ],
 *   "ungradedSkips": [
 *     { "testClass": "CgroupV2HostTest", "method": null, "displayName": "Cgroup v2 on a real v2 host",
 *       "reason": "requires the memory, cpu and pids controllers on cgroup v2; ..." }
 *   ]
 * }
 * }</pre>
 *
 * @param chapter the chapter module, e.g. {@code 01-chroot}
 * @param tests   one entry per graded test method, in {@link TestResult#ORDER}
 * @param ungradedSkips the tests that earn no points and were skipped, with their reasons
 */
public record ChapterResults(String chapter, List<TestResult> tests, List<UngradedSkip> ungradedSkips) {

    public ChapterResults {
        tests = List.copyOf(tests);
        // Results written before ungraded skips were recorded have none.
        ungradedSkips = ungradedSkips == null ? List.of() : List.copyOf(ungradedSkips);
    }

    ChapterResults(String chapter, List<TestResult> tests) {
        this(chapter, tests, List.of());
    }

    public int earned() {
        return tests.stream().mapToInt(TestResult::earned).sum();
    }

    public int possible() {
        return tests.stream().mapToInt(TestResult::points).sum();
    }

    long count(Status status) {
        return tests.stream().filter(test -> test.status() == status).count();
    }
}
