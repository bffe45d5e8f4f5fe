package jocker.course;

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

    private Exercise() {
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
