package jocker.namespaces;

import java.util.ArrayList;
import java.util.List;
import jocker.runtime.Init;
import jocker.runtime.InitConfig;
import jocker.linux.Kernel;
import jocker.linux.NsLibC;

/**
 * The first process of a {@code jocker exec}: started by {@link NamespaceJoin}
 * in the container's PID, network, UTS, IPC and cgroup namespaces, it joins
 * the mount namespace last and becomes the command.
 *
 * <p>Arguments: {@code --pid=N} (the container's PID 1, as the host sees it),
 * then chapter 1's ({@link InitConfig}).
 */
public final class ExecInit {

    static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(Kernel.class, NsLibC.class, Namespace.class);

    private ExecInit() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            List<String> rest = new ArrayList<>(List.of(args));
            long pid = Long.parseLong(ContainerInit.take(rest, "--pid="));
            List<InitHook> hooks = InitHook.all();
            for (InitHook hook : hooks) {
                hook.beforeRootSwitch(rest);
            }
            InitConfig config = InitConfig.parse(rest.toArray(String[]::new));
            Init.USED_AFTER_ROOT_SWITCH.size();
            joinMountNamespace(pid);
            for (InitHook hook : hooks) {
                hook.beforeExec(); // chapter 3: into the container's cgroup
            }
            Init.exec(config);
        });
    }

    // tag::join-mnt[]
    /**
     * setns(2) into the container's mount namespace. The kernel refuses it
     * to a thread that shares its root and working directory with other
     * threads (CLONE_FS), as every JVM thread does: unshare that first. The
     * thread's root and working directory are then the container's {@code /}.
     */
    static void joinMountNamespace(long pid) {
        String path = Namespace.MNT.of(pid).toString();
        int fd = Kernel.openReadOnly(path);
        Kernel.unshare(Kernel.CLONE_FS);
        Kernel.setns(fd, Namespace.MNT.flag(), path);
        Kernel.close(fd);
    }
    // end::join-mnt[]
}
