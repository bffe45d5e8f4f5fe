package jocker.course;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method as graded.
 *
 * <p>Each graded test declares the one exercise it checks and what it is worth:
 *
 * <pre>{@code
 * @Test
 * @Graded(exercise = "1.1", points = 3)
 * @DisplayName("the jailed process sees the rootfs as /")
 * void jailedProcessSeesRootfs() { ... }
 * }</pre>
 *
 * <p>The {@link GradeListener} records the outcome of every graded test; the
 * {@link Grader} adds the points up. The skeleton generator reads these
 * annotations from the test sources to check that every exercise has a test,
 * so keep {@code exercise} a string literal.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {

    /** The exercise this test checks, as its region in solutions/ names it: {@code "1.1"}. */
    String exercise();

    /** What passing this test earns. */
    int points();
}
