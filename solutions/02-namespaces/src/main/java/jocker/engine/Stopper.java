package jocker.engine;

import static jocker.linux.Kernel.SIGKILL;
import static jocker.linux.Kernel.SIGTERM;

import java.time.Duration;
import java.util.Locale;
import jocker.linux.Kernel;
import jocker.runtime.ExitStatus;
import jocker.spec.Spec;

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

    /** The OCI annotation of the signal that stops the container (image-spec, annotations.md). */
    public static final String ANNOTATION_STOP_SIGNAL = "org.opencontainers.image.stopSignal";
    /** SIGRTMAX on Linux: the highest signal number. */
    private static final int MAX_SIGNAL = 64;

    private Stopper() {
    }

    // tag::stop[]
    /**
     * Sends {@code stopSignal} (SIGTERM unless the image says otherwise),
     * waits up to {@code timeout}, then sends SIGKILL; returns when the
     * process is gone.
     */
    public static void stop(ProcessHandle process, int stopSignal, Duration timeout) {
        // begin exercise 2.7: send the process stopSignal (signal); if it has not exited within the
        //   timeout (awaitExit), send SIGKILL and wait again.
        signal(process, stopSignal);
        if (!awaitExit(process, timeout)) {
            signal(process, SIGKILL);
            awaitExit(process, Duration.ofSeconds(10));
        }
        // end exercise 2.7
    }
    // end::stop[]

    /**
     * The signal {@code stop} sends first: the annotation
     * {@value #ANNOTATION_STOP_SIGNAL} of the container's spec (chapter 5
     * writes the image's {@code StopSignal} there), else SIGTERM.
     */
    public static int stopSignal(Spec spec) {
        String name = spec.annotations.get(ANNOTATION_STOP_SIGNAL);
        return name == null ? SIGTERM : signalNumber(name);
    }

    /** {@code KILL}, {@code SIGKILL} or {@code 9}: a signal by name or number, as Docker takes one. */
    public static int signalNumber(String signal) {
        if (signal.matches("[0-9]{1,2}") && Integer.parseInt(signal) >= 1
                && Integer.parseInt(signal) <= MAX_SIGNAL) {
            return Integer.parseInt(signal);
        }
        String name = signal.toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name : "SIG" + name;
        for (int n = 1; n <= MAX_SIGNAL; n++) {
            if (ExitStatus.signalName(n).equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("invalid signal: " + signal
                + ": give a name such as SIGQUIT or QUIT, or a number from 1 to " + MAX_SIGNAL);
    }

    /** kill(2); a process that has exited meanwhile has nothing left to stop: {@link Kernel#killIfRunning}. */
    public static void signal(ProcessHandle process, int signal) {
        Kernel.killIfRunning(process.pid(), signal);
    }

    /**
     * True if the process exits within {@code timeout}; learnt from a pidfd
     * ({@link Kernel#awaitExit}) the moment it exits, since the container's
     * process is seldom this JVM's child.
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        return !process.isAlive() || Kernel.awaitExit(process.pid(), timeout.toMillis());
    }
}
