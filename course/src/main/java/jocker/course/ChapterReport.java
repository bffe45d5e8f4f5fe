package jocker.course;

import java.util.List;

/**
 * One chapter in the grade report.
 *
 * @param chapter  the chapter module, e.g. {@code 01-chroot}
 * @param ran      whether its results file exists; if not, its possible points are unknown
 * @param problem  why it has no results (e.g. it did not compile), or null
 * @param earned   points earned
 * @param possible points possible (0 when it did not run)
 * @param passed   tests passed
 * @param failed   tests failed
 * @param skipped  tests skipped
 * @param tests    its graded tests, in {@link TestResult#ORDER}
 * @param ungradedSkips its tests that earn no points and were skipped
 */
record ChapterReport(
        String chapter,
        boolean ran,
        String problem,
        int earned,
        int possible,
        long passed,
        long failed,
        long skipped,
        List<TestResult> tests,
        List<UngradedSkip> ungradedSkips) {

    static ChapterReport of(ChapterResults results) {
        return new ChapterReport(results.chapter(), true, null, results.earned(), results.possible(),
                results.count(Status.PASSED), results.count(Status.FAILED), results.count(Status.SKIPPED),
                results.tests().stream().sorted(TestResult.ORDER).toList(), results.ungradedSkips());
    }

    static ChapterReport notRun(String chapter, String problem) {
        return new ChapterReport(chapter, false, problem, 0, 0, 0, 0, 0, List.of(), List.of());
    }
}
