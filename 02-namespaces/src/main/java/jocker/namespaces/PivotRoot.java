package jocker.namespaces;

import java.nio.file.Path;
import jocker.course.Exercise;
import jocker.linux.Kernel;
import jocker.linux.Syscalls;
import jocker.runtime.RootSwitch;

/**
 * Enters the root filesystem with pivot_root(2): chapter 2's replacement for
 * chapter 1's {@link jocker.chroot.Chroot}.
 *
 * <p>chroot changes what {@code /} means for one process, and the host's
 * tree stays mounted, reachable by {@code ..} from any directory outside the
 * new root. pivot_root changes the root mount of the whole mount namespace;
 * once the old root is unmounted, the host's tree is simply not there.
 */
public final class PivotRoot implements RootSwitch {

    @Override
    public String name() {
        return "pivot_root";
    }

    // tag::pivot[]
    @Override
    public void enter(Path rootfs) {
        RootfsSetup.makeMountsPrivate();
        RootfsSetup.bindRootfs(rootfs);
        Syscalls.chdir(rootfs.toString());
        // Exercise 2.3: pivot_root(".", "."), then unmount the old root
        //   with umount2(".", MNT_DETACH), then chdir("/").
        //   pivot_root(".", ".") stacks the old root on top of the new one, at the same
        //   place, so no directory for it is needed; "." then names the old root, and a
        //   lazy unmount takes it away even though this process still uses files in it.
        Exercise.todo("2.3", "pivot_root(\".\", \".\"), then unmount the old root with umount2(\".\", MNT_DETACH), then chdir(\"/\"). pivot_root(\".\", \".\") stacks the old root on top of the new one, at the same place, so no directory for it is needed; \".\" then names the old root, and a lazy unmount takes it away even though this process still uses files in it.");
    }
    // end::pivot[]
}
