package jocker.namespaces;

import jocker.chroot.Chroot;
import jocker.runtime.Init;
import jocker.runtime.InitConfig;

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
            InitConfig config = InitConfig.parse(java.util.Arrays.stream(args)
                    .filter(a -> !a.startsWith("--hostname=")).toArray(String[]::new));
            Init.USED_AFTER_ROOT_SWITCH.size();
            new Chroot().enter(config.rootfs());
            Init.exec(config);
        });
    }
}
