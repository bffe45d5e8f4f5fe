package jocker.namespaces;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the JDK has an idle "process reaper" thread before a thread
 * that has changed its PID namespace starts a process.
 *
 * <p>{@code ProcessBuilder.start} hands the new process to a reaper thread,
 * which waits for it; when no reaper is idle, the calling thread creates one.
 * But a thread whose children go to another PID namespace (after
 * {@code unshare(CLONE_NEWPID)} or {@code setns} into a PID namespace) may
 * not create threads: clone(2) refuses {@code CLONE_THREAD} with EINVAL, the
 * JDK reports "unable to create native thread", and the process it has just
 * started has nobody to wait for it. Whether a reaper happens to be idle
 * depends on timing, so it is made sure of here, on the caller's thread.
 */
final class ProcessReaper {

    private ProcessReaper() {
    }

    /** Returns once a reaper thread is idle, starting (and reaping) {@code true} if none is. */
    static void ensureIdle() throws IOException {
        for (int attempt = 0; attempt < 5 && !idle(); attempt++) {
            Process p = new ProcessBuilder("/bin/true").start();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (!idle() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** A reaper thread waiting for work (its pool parks it in a timed poll). */
    private static boolean idle() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("process reaper") && t.getState() == Thread.State.TIMED_WAITING);
    }
}
