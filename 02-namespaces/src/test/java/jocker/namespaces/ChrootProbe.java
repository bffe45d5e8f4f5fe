package jocker.namespaces;

import jocker.chroot.Chroot;
import jocker.runtime.Init;
import jocker.runtime.InitContext;

/**
 * A test's init: chapter 1's chroot and exec, nothing of chapter 2's file
 * tree. The tests of exercise 2.1 start it in new namespaces, so that they
 * check the namespaces alone.
 */
public final class ChrootProbe {

    private ChrootProbe() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            InitContext context = Init.context(args, 0);
            new Chroot().enter(context.rootfs());
            Init.exec(context.spec().process);
        });
    }
}
