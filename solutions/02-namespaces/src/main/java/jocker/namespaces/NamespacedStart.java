package jocker.namespaces;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jocker.linux.Kernel;

/**
 * Starts a process in new namespaces, from a JVM.
 *
 * <p>unshare(2) called from a JVM thread moves only that thread: the other
 * threads, and the JVM as a whole ({@code /proc/self/ns/*}), stay where they
 * were. A child that the thread then starts is born in the thread's new
 * namespaces, and as the first process of a new PID namespace it is PID 1.
 * Its later children would be born in the same PID namespace, and once that
 * PID 1 has exited the namespace is dead and fork fails with ENOMEM. So every
 * container gets a fresh platform thread that ends when the child is started:
 * never a pooled or virtual one.
 */
public final class NamespacedStart {

    private NamespacedStart() {
    }

    // tag::start[]
    /** Starts {@code builder}'s process in new {@code namespaces}. */
    public static synchronized Process start(ProcessBuilder builder, Set<Namespace> namespaces)
            throws IOException {
        AtomicReference<Process> started = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ProcessReaper.ensureIdle(); // the thread below may not create one, see there
        // begin exercise 2.1: in a new platform thread, unshare(2) the namespaces (Kernel.unshare
        //   with Namespace.flags) and start the builder's process; join the thread, then return
        //   the process or rethrow what failed (IOException or RuntimeException; an Error
        //   as an IllegalStateException).
        Thread thread = new Thread(() -> {
            try {
                Kernel.unshare(Namespace.flags(namespaces));
                started.set(builder.start());
            } catch (IOException | RuntimeException | Error e) {
                failed.set(e); // an Error too: a binding that cannot load is no "no process"
            }
        }, "jocker-unshare");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the container", e);
        }
        Throwable error = failed.get();
        if (error instanceof IOException io) {
            throw io;
        } else if (error instanceof RuntimeException re) {
            throw re;
        } else if (error != null) {
            throw new IllegalStateException("cannot start the container: " + error, error);
        }
        return started.get();
        // end exercise 2.1
    }
    // end::start[]
}
