package jocker.namespaces;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Arrays;
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
 *
 * <p>Callers hold the lock of {@code NamespacedStart.class} from this check
 * to the start: two namespaced starts at once could otherwise take each
 * other's reapers (the {@code cat}s below take one each while they run).
 * A start on some other thread of the JVM may still take one; hence two.
 */
final class ProcessReaper {

    private ProcessReaper() {
    }

    /**
     * How many reapers to have idle: two, because another thread of the same
     * JVM may start a process between this check and the namespaced start
     * and take one (a foreground {@code jocker run} starts its zygote on a
     * thread of its own while its main thread makes the container; a CI run
     * caught the JDK's "Failed to start the native thread" warning in a
     * container's output that way).
     */
    private static final int IDLE = 2;

    /**
     * Returns once {@link #IDLE} reaper threads are idle. If fewer are, it
     * starts that many {@code cat}s at once, each waiting on its stdin: each
     * running process holds a reaper, so the pool grows to as many. Then it
     * closes their stdin, and once they have ended their reapers are idle.
     * Processes that end at once ({@code true}) would not do: the reaper of
     * the first may be back in the pool in time to take the second, and the
     * pool would not grow.
     */
    static void ensureIdle() throws IOException {
        for (int attempt = 0; attempt < 3 && idle() < IDLE; attempt++) {
            Process[] ps = new Process[IDLE];
            for (int i = 0; i < IDLE; i++) {
                ps[i] = new ProcessBuilder("/bin/cat").redirectOutput(Redirect.DISCARD)
                        .redirectError(Redirect.DISCARD).start();
            }
            try {
                for (Process p : ps) {
                    p.getOutputStream().close();
                }
                for (Process p : ps) {
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (idle() < IDLE && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /**
     * Reaper threads waiting for work: parked in their pool's queue. Neither name nor state alone
     * says so on every JDK 17: one that does not rename a busy reaper "process reaper (pid N)" has
     * a reaper waiting for a process that is not this JVM's child (a {@code ProcessHandle.onExit()}
     * on a container's init, say) poll it in {@code Thread.sleep}, TIMED_WAITING like an idle one.
     */
    private static long idle() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("process reaper")
                        && e.getKey().getState() != Thread.State.RUNNABLE)
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(ProcessReaper::waitingForWork))
                .count();
    }

    private static boolean waitingForWork(StackTraceElement frame) {
        return frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                && frame.getMethodName().equals("getTask");
    }
}
