package jocker.namespaces;

import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What a later chapter adds to the container's init, found with
 * {@link ServiceLoader} ({@code META-INF/services/jocker.namespaces.InitHook}).
 * Chapter 3 joins the container's cgroup here, as late as it can.
 */
public interface InitHook {

    /**
     * Before the root switch, while the host's files are in reach: takes this
     * hook's own arguments out of {@code args} and opens what it needs.
     * Every class it will use later must be loaded by now.
     */
    default void beforeRootSwitch(List<String> args) throws IOException {
    }

    /** The last step before execve. */
    default void beforeExec() throws IOException {
    }

    static List<InitHook> all() {
        return ServiceLoader.load(InitHook.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
