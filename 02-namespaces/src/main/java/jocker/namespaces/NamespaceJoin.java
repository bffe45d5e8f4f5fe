package jocker.namespaces;

import java.io.IOException;
import java.util.List;
import jocker.course.Exercise;
import jocker.linux.FreshThread;
import jocker.linux.Kernel;

/**
 * How {@code jocker exec} gets a process into a running container: setns(2)
 * into each of the container's namespaces, through the files in
 * {@code /proc/<pid>/ns/}, then start the process.
 *
 * <p>As with unshare, setns moves the calling thread only, so it happens in a
 * fresh thread. The mount namespace is the exception: a thread that entered
 * the container's file tree could no longer find the JDK's
 * {@code jspawnhelper} to start anything. The started process, {@link ExecInit},
 * joins the mount namespace itself, just before execve.
 */
public final class NamespaceJoin {

    /**
     * The namespaces the parent joins. MNT is left to {@link ExecInit}, and
     * so is CGROUP: as the init does, the exec's process first finds and
     * joins the container's cgroup from the host's view of the hierarchy,
     * then enters the cgroup namespace ({@code NamespaceSteps.JoinCgroupNamespace}).
     */
    static final List<Namespace> JOINED_BY_PARENT = List.of(
            Namespace.IPC, Namespace.UTS, Namespace.NET, Namespace.PID);

    private NamespaceJoin() {
    }

    // tag::join[]
    /**
     * Starts {@code builder}'s process in the namespaces of process
     * {@code pid}, all but its mount namespace.
     */
    public static Process start(long pid, ProcessBuilder builder) throws IOException {
        synchronized (NamespacedStart.class) { // one namespaced start at a time: see ProcessReaper
            ProcessReaper.ensureIdle(); // the thread below may not create one, see there
            return FreshThread.call("jocker-setns", "joining the container", () -> {
                // Exercise 2.6: for each namespace in JOINED_BY_PARENT, open its file under
                //   /proc/<pid>/ns (Kernel.openReadOnly), setns(2) into it with its flag, and
                //   close the descriptor.
                Exercise.todo("2.6", "for each namespace in JOINED_BY_PARENT, open its file under /proc/<pid>/ns (Kernel.openReadOnly), setns(2) into it with its flag, and close the descriptor.");
                return builder.start();
            });
        }
    }
    // end::join[]
}
