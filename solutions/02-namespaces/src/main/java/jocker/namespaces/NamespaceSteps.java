package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.linux.Kernel;
import jocker.linux.NsLibC;
import jocker.runtime.Exercises;
import jocker.runtime.InitContext;
import jocker.runtime.PhasedStep;
import jocker.runtime.Phase;
import jocker.spec.Spec;

/**
 * Chapter 2's steps of the init. The init is PID 1 of a new PID namespace,
 * already in the new mount, UTS, IPC and network namespaces the spec lists
 * (the parent made them, see {@link NamespacedStart}); these steps build its
 * file tree and hostname from the spec, in runc's order.
 */
public final class NamespaceSteps {

    /** See {@code Init.USED_AFTER_ROOT_SWITCH}: the same problem, more classes. */
    static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(
            Kernel.class, NsLibC.class, Namespace.class, SpecialFilesystems.class, Devices.class,
            Devices.Device.class, Masks.class);

    /** For {@code jocker exec}: the container's cgroup namespace, opened before the mount namespace is joined. */
    private static int cgroupNamespace = -1;

    private NamespaceSteps() {
    }

    /**
     * Refuses to go on unless this process is PID 1 of a new PID namespace,
     * in a mount namespace of its own. The steps below change mounts and
     * pivot the root: run in the host's namespaces, they would change the
     * host's. (A safety net for a half-done exercise 2.1.)
     */
    public static final class RequireNewNamespaces extends PhasedStep {
        public RequireNewNamespaces() {
            super(Phase.PREPARE, 2);
        }

        @Override
        public void run(InitContext context) throws IOException {
            USED_AFTER_ROOT_SWITCH.size();
            if (context.spec().hasNamespace("mount")) {
                requireNewNamespaces();
            }
        }
    }

    public static void requireNewNamespaces() throws IOException {
        if (ProcessHandle.current().pid() != 1) {
            throw new IllegalStateException("the init is PID " + ProcessHandle.current().pid()
                    + ", not PID 1 of a new PID namespace: refusing to touch the host's mounts");
        }
        // /proc is still the host's here: it shows this process and its parent with host PIDs.
        long parent = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("PPid:")).mapToLong(l -> Long.parseLong(l.substring(5).trim()))
                .findFirst().orElse(0);
        // This thread's mount namespace: a zygote's init (ZygoteInit) makes it on this thread alone.
        String mine = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
        if (parent > 0 && mine.equals(Namespace.MNT.inode(parent))) {
            throw new IllegalStateException("the init shares its parent's mount namespace: refusing to touch its mounts");
        }
    }

    // tag::filesystems[]
    /** {@code mounts}: /proc and /sys (exercise 2.4), a minimal /dev, each as the spec lists it. */
    public static final class Filesystems extends PhasedStep {
        public Filesystems() {
            super(Phase.FILESYSTEMS, 2);
        }

        @Override
        public void run(InitContext context) throws IOException {
            boolean procAndSys = false;
            for (Spec.Mount m : context.spec().mounts) {
                if ("bind".equals(m.type)) {
                    continue; // volumes: chapter 6 mounted them before the root switch
                }
                switch (m.destination) {
                    case "/proc", "/sys" -> {
                        if (!procAndSys) {
                            SpecialFilesystems.mountProcAndSys();
                            procAndSys = true;
                        }
                    }
                    case "/dev" -> Devices.mountDev();
                    case "/dev/pts", "/dev/shm" -> {
                        // mountDev made them, as Docker's /dev has them
                    }
                    default -> throw new IllegalArgumentException("mounts: " + m.type
                            + " on " + m.destination + " is not something this runtime mounts");
                }
                if (m.destination.equals("/sys") && m.options != null && !m.options.contains("ro")) {
                    SpecialFilesystems.remountSysWritable(); // --privileged
                }
            }
        }
    }
    // end::filesystems[]

    /** {@code linux.maskedPaths} and {@code linux.readonlyPaths} (exercise 2.5). */
    public static final class MaskPaths extends PhasedStep {
        public MaskPaths() {
            super(Phase.MASKS, 2);
        }

        @Override
        public void run(InitContext context) {
            Spec.Linux linux = context.spec().linux;
            if (linux != null) {
                try {
                    Masks.apply(linux.maskedPaths, linux.readonlyPaths);
                } catch (RuntimeException e) {
                    if (!Exercises.unfinished(e)) {
                        throw e;
                    }
                    // In the workspace, before exercise 2.5 is done: nothing is masked, so the
                    // tests of 2.4 still run their containers; 2.5's tests then find nothing masked.
                }
            }
        }
    }

    /** {@code hostname}, in the container's own UTS namespace only. */
    public static final class Hostname extends PhasedStep {
        public Hostname() {
            super(Phase.IDENTITY, 2);
        }

        @Override
        public void run(InitContext context) {
            String hostname = context.spec().hostname;
            if (hostname != null) {
                if (!context.spec().hasNamespace("uts")) {
                    throw new IllegalArgumentException("hostname is set but there is no new uts namespace: "
                            + "it would rename the host");
                }
                Kernel.sethostname(hostname);
            }
        }
    }

    /**
     * Last: the cgroup namespace, rooted at the cgroup the init is in now
     * (chapter 3 has just moved it there). See {@link Namespace#BY_PARENT}.
     */
    public static final class CgroupNamespace extends PhasedStep {
        public CgroupNamespace() {
            super(Phase.LATE_NAMESPACES, 2);
        }

        @Override
        public void run(InitContext context) {
            if (context.spec().hasNamespace("cgroup")) {
                Kernel.unshare(Namespace.CGROUP.flag());
            }
        }
    }

    /** {@code jocker exec}: last, into the container's cgroup namespace, as the init made its own last. */
    public static final class JoinCgroupNamespace extends PhasedStep {
        public JoinCgroupNamespace() {
            super(Phase.LATE_NAMESPACES, 2, true);
        }

        @Override
        public void run(InitContext context) {
            if (context.isExec() && cgroupNamespace >= 0) {
                Kernel.setns(cgroupNamespace, Namespace.CGROUP.flag(), "the container's cgroup namespace");
                Kernel.close(cgroupNamespace);
            }
        }
    }

    /** {@code jocker exec}: instead of a root switch, into the running container's mount namespace. */
    public static final class JoinMountNamespace extends PhasedStep {
        public JoinMountNamespace() {
            super(Phase.ROOT_SWITCH, 2, true);
        }

        @Override
        public void run(InitContext context) {
            if (context.isExec()) {
                // Opened now, while /proc is the host's and shows the container's PID 1 by its host PID.
                cgroupNamespace = Kernel.openReadOnly(Namespace.CGROUP.of(context.joinPid()).toString());
                ExecInit.joinMountNamespace(context.joinPid());
            }
        }
    }
}
