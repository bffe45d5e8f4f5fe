package jocker.runtime;

import java.nio.file.Path;
import java.util.ServiceLoader;
import jocker.chroot.Chroot;

/**
 * The one step of the init that moves a process into its root filesystem.
 *
 * <p>Chapter 1 does it with {@code chroot(2)} ({@link Chroot}). Chapter 2
 * adds {@code pivot_root(2)} as another implementation, and nothing else in
 * the init changes. Implementations are found with {@link ServiceLoader}
 * ({@code META-INF/services/jocker.runtime.RootSwitch}) and chosen by name.
 */
public interface RootSwitch {

    /** The name the init is told to use, such as {@code chroot}. */
    String name();

    /**
     * Makes {@code rootfs} this process's {@code /} and stands in it: on
     * return the working directory is the new root.
     */
    void enter(Path rootfs);

    /** The implementation called {@code name}. */
    static RootSwitch named(String name) {
        for (RootSwitch s : ServiceLoader.load(RootSwitch.class)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no root switch called '" + name + "'");
    }
}
