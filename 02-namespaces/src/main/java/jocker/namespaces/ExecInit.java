package jocker.namespaces;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.File;
import jocker.linux.Kernel;
import jocker.runtime.Init;
import jocker.runtime.InitContext;
import jocker.runtime.InitStep;
import jocker.spec.Spec;

/**
 * The first process of a {@code jocker exec}, as {@code runc exec} runs one:
 * started by {@link NamespaceJoin} in the container's PID, network, UTS, IPC
 * and cgroup namespaces, it joins the mount namespace itself and becomes the
 * command, after the steps that apply to an exec (chapter 3: the cgroup).
 *
 * <p>Arguments: the container's bundle and the exec's file, which holds the
 * container's PID 1 (as the host sees it) and the process to run, in the
 * spec's {@code process} format:
 * {@code {"pid":81234,"process":{"args":["ps"],"env":[…],"cwd":"/"}}}.
 */
public final class ExecInit {

    /** What {@code jocker exec} runs ({@code process}), and in which container ({@code pid}, its PID 1). */
    public static final class ExecFile {
        public long pid;
        public Spec.Process process;

        public ExecFile() {
        }

        public ExecFile(long pid, Spec.Process process) {
            this.pid = pid;
            this.process = process;
        }
    }

    private ExecInit() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: ExecInit <bundle directory> <exec file>");
            }
            ExecFile exec = JSON.std.beanFrom(ExecFile.class, new File(args[1]));
            InitContext container = Init.context(new String[] {args[0]}, exec.pid);
            Spec spec = container.spec();
            spec.process = exec.process;
            Init.run(InitStep.all(), new InitContext(container.bundle(), spec, container.rootfs(), exec.pid));
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
