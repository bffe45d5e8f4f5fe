package jocker.course.grading;

import java.util.List;
import jocker.course.TestResult;
import jocker.course.UngradedSkip;

/**
 * A class's grades, as {@code grades.json} holds them: student, chapter,
 * exercise, test.
 *
 * @param chapters the chapters graded, in order
 * @param students one entry per student, by name
 */
public record ClassGrades(List<String> chapters, List<Student> students) {

    /**
     * One student's grades.
     *
     * @param student  the name of the student's folder or archive
     * @param earned   points earned, all chapters together
     * @param possible points possible in the chapters graded
     * @param chapters one entry per chapter graded, handed in or not
     * @param notes    what was left out of the hand-in, and why
     * @param seconds  how long the student's build ran
     */
    public record Student(String student, int earned, int possible, List<Chapter> chapters, List<String> notes,
                          long seconds) {
    }

    /**
     * One student's chapter.
     *
     * @param chapter       the chapter, e.g. {@code 01-chroot}
     * @param graded        whether its tests ran to the end
     * @param problem       why not: not handed in, did not compile, timed out; null when graded
     * @param earned        points earned
     * @param possible      points possible, also when it was not graded
     * @param exercises     one entry per exercise
     * @param ungradedSkips tests that earn no points and were skipped, with why
     */
    public record Chapter(String chapter, boolean graded, String problem, int earned, int possible,
                          List<Exercise> exercises, List<UngradedSkip> ungradedSkips) {
    }

    /**
     * One exercise of a student's chapter.
     *
     * @param exercise the exercise, e.g. {@code 1.1}
     * @param points   points earned
     * @param max      points possible
     * @param passed   its tests that passed
     * @param failed   its tests that failed
     * @param skipped  its tests that were skipped
     * @param tests    its tests, each with its outcome and, when it did not pass, why
     */
    public record Exercise(String exercise, int points, int max, int passed, int failed, int skipped,
                           List<TestResult> tests) {
    }
}
