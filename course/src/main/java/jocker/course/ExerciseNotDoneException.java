package jocker.course;

/** Thrown by {@link Exercise#todo}: the student has not written this exercise's code yet. */
public class ExerciseNotDoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String exercise;

    /**
     * @param exercise the exercise, e.g. {@code "1.1"}
     * @param hint     what the missing code must do
     */
    public ExerciseNotDoneException(String exercise, String hint) {
        super("exercise " + exercise + " is not done yet: " + hint);
        this.exercise = exercise;
    }

    /** The exercise that is not done, e.g. {@code "1.1"}. */
    public String exercise() {
        return exercise;
    }
}
