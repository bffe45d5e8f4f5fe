package jocker.runtime;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * One thing the container's init does, read from the bundle's spec. Each
 * chapter contributes the steps of its concept
 * ({@code META-INF/services/jocker.runtime.InitStep}); the init runs them
 * sorted by {@link #phase()}, then by {@link #chapter()}, then by class name,
 * so the order never depends on the class path.
 *
 * <p>A step acts only on the fields of its concept and does nothing when the
 * spec does not ask for them: a chapter-1 spec has no {@code linux} section,
 * so chapter 2's steps leave it alone.
 */
public interface InitStep {

    /** Sorts steps into the order they run in. */
    Comparator<InitStep> ORDER = Comparator.comparing(InitStep::phase)
            .thenComparingInt(InitStep::chapter)
            .thenComparing(s -> s.getClass().getName());

    Phase phase();

    /** The chapter that adds this step. */
    int chapter();

    /** Does what the spec asks of this step. Classes used after the root switch must be loaded before it. */
    void run(InitContext context) throws IOException;

    /** Whether {@code jocker exec}'s process runs this step too (it joins a container that is set up). */
    default boolean forExec() {
        return false;
    }

    /** Every step on the class path, in running order. */
    static List<InitStep> all() {
        return sorted(ServiceLoader.load(InitStep.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    static List<InitStep> sorted(List<InitStep> steps) {
        return steps.stream().sorted(ORDER).toList();
    }
}
