package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExerciseTest {

    // These compile only if todo() can stand where the skeletons put it.

    private static void statement() {
        Exercise.todo("1.1", "a statement");
    }

    private static int primitive() {
        return Exercise.todo("1.2", "an int");
    }

    private static boolean flag() {
        return Exercise.todo("1.3", "a boolean");
    }

    private static long number() {
        return Exercise.todo("1.4", "a long");
    }

    private static List<String> generic() {
        return Exercise.todo("1.5", "a list");
    }

    @Test
    @DisplayName("todo() throws, naming the exercise and repeating its hint")
    void todoThrowsWithIdAndHint() {
        assertThatThrownBy(ExerciseTest::statement)
                .isInstanceOf(ExerciseNotDoneException.class)
                .hasMessage("exercise 1.1 is not done yet: a statement");
    }

    @Test
    @DisplayName("todo() stands as the value of methods returning primitives and generics")
    void todoReturnsAnyType() {
        assertThatThrownBy(ExerciseTest::primitive).hasMessage("exercise 1.2 is not done yet: an int");
        assertThatThrownBy(ExerciseTest::flag).hasMessageContaining("1.3");
        assertThatThrownBy(ExerciseTest::number).hasMessageContaining("1.4");
        assertThatThrownBy(ExerciseTest::generic).hasMessageContaining("1.5");
    }

    @Test
    @DisplayName("the exception tells which exercise is missing")
    void exceptionNamesExercise() {
        assertThat(new ExerciseNotDoneException("2.3", "hint").exercise()).isEqualTo("2.3");
    }
}
