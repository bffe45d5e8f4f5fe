package jocker.namespaces;

import static jocker.linux.Kernel.MS_BIND;
import static jocker.linux.Kernel.MS_PRIVATE;
import static jocker.linux.Kernel.MS_REC;

import java.nio.file.Path;
import jocker.course.Exercise;
import jocker.linux.Kernel;

/**
 * The first steps of the container's file tree, run by the init inside its
 * new mount namespace, in the order runc runs them.
 */
public final class RootfsSetup {

    private RootfsSetup() {
    }

    // tag::private[]
    /**
     * Makes every mount in this namespace private. A new mount namespace
     * starts as a copy of the parent's, with the same propagation: where
     * {@code /} is shared (systemd makes it so), a mount made here would
     * appear on the host, and the host's would appear here.
     */
    public static void makeMountsPrivate() {
        // Exercise 2.2: remount "/" and everything under it (MS_REC) as MS_PRIVATE:
        //   mount(2) with no source, no type and no data changes only propagation.
        Exercise.todo("2.2", "remount \"/\" and everything under it (MS_REC) as MS_PRIVATE: mount(2) with no source, no type and no data changes only propagation.");
    }
    // end::private[]

    // tag::bind[]
    /**
     * Bind-mounts the rootfs onto itself. pivot_root(2) moves mount points,
     * and a plain directory is not one until something is mounted on it.
     */
    public static void bindRootfs(Path rootfs) {
        // Exercise 2.2: bind-mount the rootfs onto itself, with what is
        //   mounted below it (MS_REC).
        Exercise.todo("2.2", "bind-mount the rootfs onto itself, with what is mounted below it (MS_REC).");
    }
    // end::bind[]
}
