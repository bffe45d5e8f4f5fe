package jocker.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.chroot.Escape;

/** Chapter 1's steps of the init: enter the root, break out if asked (the lesson), become the command. */
public final class ChapterOneSteps {

    private ChapterOneSteps() {
    }

    /**
     * Enters the root filesystem. Without a mount namespace the only way is
     * chroot(2); with one, chapter 2's pivot_root(2) (runc refuses to run
     * without a mount namespace at all, and uses pivot_root).
     */
    public static final class EnterRoot extends PhasedStep {
        public EnterRoot() {
            super(Phase.ROOT_SWITCH, 1);
        }

        @Override
        public void run(InitContext context) {
            String how = context.spec().hasNamespace("mount") ? "pivot_root" : "chroot";
            RootSwitch.named(how).enter(context.rootfs());
        }
    }

    /** Chapter 1's lesson, asked for by the annotation {@code dev.jocker.escape}. */
    public static final class BreakOut extends PhasedStep {
        public BreakOut() {
            super(Phase.AFTER_ROOT_SWITCH, 1);
        }

        @Override
        public void run(InitContext context) {
            if (context.spec().escape()) {
                Escape.breakOut();
            }
        }
    }

    /**
     * The last step: the working directory (made if the image lacks it, as
     * Docker does), then execve. Made only if missing: this runs after the
     * seccomp filter is loaded, and a profile that denies mkdir(2) would
     * otherwise fail every container, even one whose directory is {@code /}.
     */
    public static final class Exec extends PhasedStep {
        public Exec() {
            super(Phase.EXEC, 1, true);
        }

        @Override
        public void run(InitContext context) throws IOException {
            Path cwd = Path.of(context.spec().process.cwd);
            if (!Files.isDirectory(cwd)) {
                Files.createDirectories(cwd);
            }
            Init.exec(context.spec().process);
        }
    }
}
