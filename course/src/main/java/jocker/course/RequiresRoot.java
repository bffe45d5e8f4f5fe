package jocker.course;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method only as root (effective uid 0).
 *
 * <p>Without root the test is disabled, so the report shows it as skipped with
 * the reason {@code requires root: <value>}; it is never counted as passed.
 *
 * <pre>{@code
 * @RequiresRoot("chroot(2) needs CAP_SYS_CHROOT")
 * class ChrootTest { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RootCondition.class)
public @interface RequiresRoot {

    /** Why the test needs root; shown in the skip reason. */
    String value() default "the test creates kernel objects (mounts, namespaces, chroot jails)";
}
