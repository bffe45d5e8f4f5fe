package jocker.course;

import java.util.List;

/**
 * The whole grade, written to {@code target/grade/report.json}.
 *
 * @param target    what was graded: {@code workspaces} or {@code solutions}
 * @param earned    points earned, all chapters together
 * @param possible  points possible in the chapters that ran
 * @param fullMarks whether every chapter ran, there was at least one test and all passed
 * @param chapters  the chapters, in the order asked for
 */
record GradeReport(String target, int earned, int possible, boolean fullMarks, List<ChapterReport> chapters) {

    static GradeReport of(String target, List<ChapterReport> chapters) {
        int earned = chapters.stream().mapToInt(ChapterReport::earned).sum();
        int possible = chapters.stream().mapToInt(ChapterReport::possible).sum();
        boolean allRan = chapters.stream().allMatch(ChapterReport::ran);
        boolean anyTest = chapters.stream().anyMatch(chapter -> !chapter.tests().isEmpty());
        return new GradeReport(target, earned, possible,
                allRan && anyTest && earned == possible, List.copyOf(chapters));
    }
}
