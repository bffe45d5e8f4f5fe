package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.chroot.Escape;
import jocker.runtime.Init;
import jocker.runtime.InitConfig;
import jocker.runtime.RootSwitch;
import jocker.linux.Kernel;
import jocker.linux.NsLibC;

/**
 * Chapter 2's container init: PID 1 of a new PID namespace, already in its
 * new mount, UTS, IPC, network and cgroup namespaces when it starts (the
 * parent made them, see {@link NamespacedStart}). It builds the container's
 * file tree and hostname, then becomes the command with chapter 1's
 * {@link Init#exec}.
 *
 * <p>Its arguments are chapter 1's ({@link InitConfig}) plus
 * {@code --hostname=NAME}.
 */
public final class ContainerInit {

    /** See {@link Init#USED_AFTER_ROOT_SWITCH}: the same problem, more classes. */
    static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(
            Kernel.class, NsLibC.class, Namespace.class, SpecialFilesystems.class, Devices.class,
            Devices.Device.class, Masks.class, Escape.class);

    private ContainerInit() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            List<String> rest = new ArrayList<>(List.of(args));
            String hostname = take(rest, "--hostname=");
            List<InitHook> hooks = InitHook.all();
            for (InitHook hook : hooks) {
                hook.beforeRootSwitch(rest);
            }
            run(InitConfig.parse(rest.toArray(String[]::new)), hostname, hooks);
        });
    }

    // tag::run[]
    /** The steps, in runc's order; returns only by throwing. */
    static void run(InitConfig config, String hostname, List<InitHook> hooks) throws IOException {
        Init.USED_AFTER_ROOT_SWITCH.size(); // loads chapter 1's classes, see above
        requireNewNamespaces();
        RootSwitch.named(config.rootSwitch()).enter(config.rootfs()); // pivot_root: private /, bind, pivot, detach
        SpecialFilesystems.mountProcAndSys();
        Devices.mountDev();
        Masks.apply();
        if (hostname != null) {
            Kernel.sethostname(hostname);
        }
        if (config.escape()) {
            Escape.breakOut(); // chapter 1's escape, which pivot_root defeats
        }
        Files.createDirectories(Path.of(config.workdir()));
        for (InitHook hook : hooks) {
            hook.beforeExec(); // chapter 3: join the cgroup
        }
        // Last: the cgroup namespace, rooted at the cgroup the init is in now (see Namespace.BY_PARENT).
        Kernel.unshare(Namespace.CGROUP.flag());
        Init.exec(config);
    }
    // end::run[]

    /**
     * Refuses to go on unless this process is PID 1 of a new PID namespace,
     * in a mount namespace of its own. The steps below change mounts and
     * pivot the root: run in the host's namespaces, they would change the
     * host's. (A safety net for a half-done exercise 2.1.)
     */
    public static void requireNewNamespaces() throws IOException {
        if (ProcessHandle.current().pid() != 1) {
            throw new IllegalStateException("the init is PID " + ProcessHandle.current().pid()
                    + ", not PID 1 of a new PID namespace: refusing to touch the host's mounts");
        }
        // /proc is still the host's here: it shows this process and its parent with host PIDs.
        long self = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        long parent = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("PPid:")).mapToLong(l -> Long.parseLong(l.substring(5).trim()))
                .findFirst().orElse(0);
        if (parent > 0 && Namespace.MNT.inode(self).equals(Namespace.MNT.inode(parent))) {
            throw new IllegalStateException("the init shares its parent's mount namespace: refusing to touch its mounts");
        }
    }

    /**
     * Removes {@code --name=value} from {@code args}, the init's own
     * arguments before {@code --}; returns the value or null. Later
     * chapters' {@link InitHook}s take theirs with it.
     */
    public static String take(List<String> args, String prefix) {
        for (int i = 0; i < args.size() && !args.get(i).equals("--"); i++) {
            if (args.get(i).startsWith(prefix)) {
                return args.remove(i).substring(prefix.length());
            }
        }
        return null;
    }
}
