package jocker.engine;

import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;
import jocker.cli.Jocker;

/**
 * What a later chapter adds around a container's life, on the engine's side,
 * found with {@link ServiceLoader} ({@code META-INF/services/jocker.engine.ContainerHook}).
 * Chapter 3 makes the container's cgroup here, chapter 4 its layered root
 * filesystem; chapter 2 itself has none.
 */
public interface ContainerHook {

    /** The chapter that adds this hook: {@code jocker --chapter N} leaves out those of later chapters. */
    int chapter();

    /**
     * Makes the container's root filesystem in {@code store.rootfs(id)} from
     * its image, instead of chapter 2's copy of the image's files. Returns
     * false to leave it to the copy. Chapter 4 stacks the image's layers
     * under a writable one here.
     */
    default boolean prepareRootfs(ContainerStore store, ContainerState state) throws IOException {
        return false;
    }

    /**
     * Before the init starts. Returns arguments for the init's
     * {@link jocker.namespaces.InitHook}s, as {@code --name=value}.
     */
    default List<String> beforeStart(ContainerStore store, ContainerState state) throws IOException {
        return List.of();
    }

    /** Before {@code jocker exec} starts its init in a running container: arguments for its {@link jocker.namespaces.InitHook}s. */
    default List<String> beforeExec(ContainerStore store, ContainerState state) throws IOException {
        return List.of();
    }

    /** After the command ended, before its exit is recorded. */
    default void afterExit(ContainerStore store, ContainerState state, int status) throws IOException {
    }

    /** Before stop, kill or rm signals the container's process: chapter 3 thaws a paused one. */
    default void beforeSignal(ContainerStore store, ContainerState state) throws IOException {
    }

    /** What {@code ps} shows as the status of a running container, given chapter 2's ("Up 5 seconds"). */
    default String runningStatus(ContainerStore store, ContainerState state, String status) {
        return status;
    }

    /** Before the container's directory is deleted. */
    default void beforeRemove(ContainerStore store, ContainerState state) throws IOException {
    }

    static List<ContainerHook> all() {
        int upTo = Jocker.chapter();
        return ServiceLoader.load(ContainerHook.class).stream().map(ServiceLoader.Provider::get)
                .filter(h -> h.chapter() <= upTo).toList();
    }
}
