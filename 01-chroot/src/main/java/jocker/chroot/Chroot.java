package jocker.chroot;

import java.nio.file.Path;
import jocker.course.Exercise;
import jocker.linux.Syscalls;
import jocker.runtime.RootSwitch;

/**
 * Enters the root filesystem with {@code chroot(2)}, the mechanism of 1979
 * Unix V7 that every container runtime still builds on.
 */
public final class Chroot implements RootSwitch {

    @Override
    public String name() {
        return "chroot";
    }

    // tag::enter[]
    @Override
    public void enter(Path rootfs) {
        // Exercise 1.1: chroot(2) into the rootfs, then chdir(2) to "/".
        //   chroot changes only what "/" means for this process; the working
        //   directory stays where it was, outside the jail, until you move it.
        Exercise.todo("1.1", "chroot(2) into the rootfs, then chdir(2) to \"/\". chroot changes only what \"/\" means for this process; the working directory stays where it was, outside the jail, until you move it.");
    }
    // end::enter[]
}
