package jocker.linux;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a new platform thread and waits for it, for the system
 * calls that change the calling thread alone: unshare(2), setns(2). The
 * thread ends with the task, and what the calls changed ends with it. A
 * pooled thread would carry it into its next task; a virtual thread would
 * leave it on a carrier thread that other virtual threads then run on.
 *
 * <p>{@code jocker.namespaces.NamespacedStart} does the same by hand: writing
 * it is exercise 2.1, where a container's namespaces are made.
 */
public final class FreshThread {

    /** The work: a result, or an exception. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws IOException;
    }

    private FreshThread() {
    }

    /**
     * Runs {@code task} on a new platform thread named {@code name}, waits
     * for it, and returns what it returned or throws what it threw; an
     * {@link Error} (a class the thread could not load, say) comes back as
     * an {@link IllegalStateException}. {@code what} names the task in those
     * messages: {@code "starting the container"}.
     */
    public static <T> T call(String name, String what, Task<T> task) throws IOException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(task.run());
            } catch (IOException | RuntimeException | Error e) {
                failed.set(e);
            }
        }, name);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        }
        Throwable error = failed.get();
        if (error instanceof IOException io) {
            throw io;
        } else if (error instanceof RuntimeException re) {
            throw re;
        } else if (error != null) {
            throw new IllegalStateException("failed while " + what + ": " + error, error);
        }
        return result.get();
    }
}
