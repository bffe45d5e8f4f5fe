package jocker.namespaces;

import jocker.chroot.Chroot;
import jocker.runtime.Init;
import jocker.runtime.InitContext;

/**
 * A test's init: exercise 2.2's private mounts and bind mount, then chapter
 * 1's chroot and exec, nothing else of chapter 2's file tree. The test of
 * exercise 2.2 starts it in new namespaces, so that it checks the mount
 * propagation before pivot_root (exercise 2.3) exists.
 */
public final class PrivateMountsProbe {

    private PrivateMountsProbe() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            InitContext context = Init.context(args, 0);
            // Never touch the mounts of a namespace that is not the container's own.
            NamespaceSteps.requireNewNamespaces();
            RootfsSetup.makeMountsPrivate();
            RootfsSetup.bindRootfs(context.rootfs());
            new Chroot().enter(context.rootfs());
            Init.exec(context.spec().process);
        });
    }
}
