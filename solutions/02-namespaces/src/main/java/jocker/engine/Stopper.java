package jocker.engine;

import static jocker.linux.Kernel.SIGKILL;
import static jocker.linux.Kernel.SIGTERM;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;

/**
 * {@code docker stop}'s rule: ask, then insist.
 *
 * <p>The container's process is PID 1 of its PID namespace, and the kernel
 * shields a namespace's PID 1 from every signal it has no handler for, even
 * when root sends it from outside: a shell or {@code sleep} as PID 1 ignores
 * SIGTERM. SIGKILL (and SIGSTOP) sent from the parent namespace always get
 * through.
 */
public final class Stopper {

    private Stopper() {
    }

    // tag::stop[]
    /**
     * Sends SIGTERM, waits up to {@code timeout}, then sends SIGKILL; returns
     * when the process is gone.
     */
    public static void stop(ProcessHandle process, Duration timeout) {
        // begin exercise 2.7: send the process SIGTERM (signal); if it has not exited within the
        //   timeout (awaitExit), send SIGKILL and wait again.
        signal(process, SIGTERM);
        if (!awaitExit(process, timeout)) {
            signal(process, SIGKILL);
            awaitExit(process, Duration.ofSeconds(10));
        }
        // end exercise 2.7
    }
    // end::stop[]

    /** kill(2); a process that has exited meanwhile has nothing left to stop: {@link Kernel#killIfRunning}. */
    public static void signal(ProcessHandle process, int signal) {
        Kernel.killIfRunning(process.pid(), signal);
    }

    /** True if the process exits within {@code timeout}. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
