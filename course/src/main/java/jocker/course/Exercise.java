package jocker.course;

import java.util.Comparator;

/**
 * What the student skeletons call where an exercise's code goes.
 *
 * <p>The skeleton generator replaces each exercise region of the reference code
 * with a call to {@link #todo}: as a statement, or as
 * {@code return Exercise.todo("1.2", "...");} where the code returned a value.
 * The graded tests then fail with a message that names the exercise and
 * repeats its hint, until the student writes the code.
 */
public final class Exercise {

    /**
     * The order of the book: exercise ids like {@code "1.2"} and {@code "1.10"} compared part by part,
     * numerically where both parts are numbers (so 1.2 comes before 1.10).
     */
    public static final Comparator<String> BOOK_ORDER = Exercise::compareIds;

    private Exercise() {
    }

    private static int compareIds(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = left[i].matches("\\d{1,9}") && right[i].matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]))
                    : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /**
     * Always throws {@link ExerciseNotDoneException}.
     *
     * <p>The type parameter lets the call stand where any value is expected,
     * a primitive included: {@code int n = Exercise.todo(...)} infers
     * {@code Integer}, and the unboxing is never reached.
     *
     * @param id   the exercise, e.g. {@code "1.1"}
     * @param hint what the missing code must do
     * @param <T>  whatever the caller needs
     * @return never
     * @throws ExerciseNotDoneException always
     */
    public static <T> T todo(String id, String hint) {
        throw new ExerciseNotDoneException(id, hint);
    }
}
