package jocker.engine;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import jocker.spec.Spec;

/**
 * What a chapter adds to the engine, found with {@link ServiceLoader}
 * ({@code META-INF/services/jocker.engine.Feature}) and always run in
 * chapter order (then by class name), whatever the class path's order:
 *
 * <ol>
 * <li>{@link #configure}: the spec fields of its concept, when a container is created;</li>
 * <li>{@link #prepareRoot}: the root filesystem at the bundle's {@code root.path}
 *     (chapter 2 copies the image's files, chapter 4 mounts its layers instead);</li>
 * <li>{@link #beforeStart}, {@link #afterExit}, {@link #beforeSignal}, {@link #beforeExec},
 *     {@link #beforeRemove}: around the container's life;</li>
 * <li>{@link #recover}: when an engine starts, after commands that were killed midway.</li>
 * </ol>
 *
 * The init's side of a chapter is its {@link jocker.runtime.InitStep}s, which
 * read what {@link #configure} wrote into the spec.
 */
public interface Feature {

    Comparator<Feature> ORDER = Comparator.comparingInt(Feature::chapter)
            .thenComparing(f -> f.getClass().getName());

    /** The chapter that adds this feature: {@code jocker --chapter N} leaves out those of later chapters. */
    int chapter();

    /** Fills the spec fields of this chapter's concept from the request. */
    default void configure(Spec spec, CreateRequest request, ContainerState state) {
    }

    /**
     * The same, for a feature that reads the state directory: chapter 5
     * looks the image up in its store. The engine calls this one.
     */
    default void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        configure(spec, request, state);
    }

    /**
     * Makes the container's root filesystem at {@code store.rootfs(id)};
     * returns true when it did. The latest chapter that can do it does it.
     */
    default boolean prepareRoot(ContainerStore store, ContainerState state) throws IOException {
        return false;
    }

    /** Before the init starts: chapter 3 makes the cgroup, chapter 4 mounts the layers. */
    default void beforeStart(ContainerStore store, ContainerState state, Spec spec) throws IOException {
    }

    /** Before {@code jocker exec} starts a process in the container: may refuse (a paused container). */
    default void beforeExec(ContainerStore store, ContainerState state) throws IOException {
    }

    /** After the command ended, before its exit is recorded; also when it failed to start. */
    default void afterExit(ContainerStore store, ContainerState state, int status) throws IOException {
    }

    /** Before stop, kill or rm signals the container's process: chapter 3 thaws a paused one. */
    default void beforeSignal(ContainerStore store, ContainerState state) throws IOException {
    }

    /** The state as {@code ps} and {@code inspect} show it, given chapter 2's ({@code running}). */
    default String status(ContainerStore store, ContainerState state, String status) {
        return status;
    }

    /**
     * Adds this chapter's fields to {@code docker inspect}'s document of the
     * container ({@code doc}, with its {@code State} and {@code Config} maps):
     * chapter 3 adds {@code State.OOMKilled} and {@code HostConfig}.
     */
    default void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
    }

    /** Before the container's directory is deleted. */
    default void beforeRemove(ContainerStore store, ContainerState state) throws IOException {
    }

    /**
     * When an engine starts, that is before every command: undoes what a
     * command killed midway ({@code kill -9}) left half done, chapter 4: a
     * container its commit froze. It must be cheap: a look at a file or two.
     */
    default void recover(ContainerStore store) throws IOException {
    }

    /** The features of the chapters up to {@link Chapters#upTo()}, in chapter order. */
    static List<Feature> all() {
        int upTo = Chapters.upTo();
        return sorted(ServiceLoader.load(Feature.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.chapter() <= upTo).toList());
    }

    static List<Feature> sorted(List<Feature> features) {
        return features.stream().sorted(ORDER).toList();
    }
}
