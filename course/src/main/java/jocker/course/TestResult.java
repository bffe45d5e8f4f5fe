package jocker.course;

import java.util.Comparator;

/**
 * The outcome of one graded test method, as {@link GradeListener} records it
 * and {@link Grader} reads it back.
 *
 * @param chapter     the chapter module, e.g. {@code 01-chroot}
 * @param testClass   the test class's simple name
 * @param method      the test method's name
 * @param displayName what the test report calls it ({@code @DisplayName})
 * @param exercise    the exercise it checks, from {@link Graded#exercise()}
 * @param points      what it is worth, from {@link Graded#points()}
 * @param status      passed, failed or skipped
 * @param earned      {@code points} if passed, else 0
 * @param message     why it failed or was skipped; null when it passed
 */
public record TestResult(
        String chapter,
        String testClass,
        String method,
        String displayName,
        String exercise,
        int points,
        Status status,
        int earned,
        String message) {

    /** The order of the results files and the reports: by exercise, then by test. */
    static final Comparator<TestResult> ORDER = Comparator
            .comparing(TestResult::exercise, TestResult::compareExercises)
            .thenComparing(TestResult::testClass)
            .thenComparing(TestResult::method);

    /** A result with {@code earned} derived from the status. */
    static TestResult of(String chapter, String testClass, String method, String displayName,
                         Graded graded, Status status, String message) {
        int earned = status == Status.PASSED ? graded.points() : 0;
        return new TestResult(chapter, testClass, method, displayName,
                graded.exercise(), graded.points(), status, earned, status == Status.PASSED ? null : message);
    }

    /** Combines two results of the same method (e.g. two invocations): the worse one stands. */
    TestResult merge(TestResult other) {
        return other.status.compareTo(status) > 0 ? other : this;
    }

    /** Compares ids like "1.2" and "1.10" in the book's order: {@link Exercise#BOOK_ORDER}. */
    static int compareExercises(String a, String b) {
        return Exercise.BOOK_ORDER.compare(a, b);
    }
}
