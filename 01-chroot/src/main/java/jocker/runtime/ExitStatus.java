package jocker.runtime;

import jocker.course.Exercise;

/**
 * How a container's process ended: it exited with a code, or a signal killed it.
 *
 * <p>The kernel tells a parent which of the two happened ({@code wait(2)}:
 * {@code WIFEXITED}/{@code WEXITSTATUS} or {@code WIFSIGNALED}/{@code WTERMSIG}).
 * Java's {@link Process#exitValue()} folds both into one number the way
 * shells do: the exit code, or 128 + the signal number. Docker reports the
 * same number, so a container killed by {@code SIGKILL} exits with 137.
 * Folding loses one thing: a command that calls {@code exit(137)} looks the
 * same as one killed by signal 9.
 *
 * @param exitCode the code passed to {@code exit(2)}, when {@code signal} is 0
 * @param signal   the signal that killed the process, or 0
 */
public record ExitStatus(int exitCode, int signal) {

    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    };

    /** The highest signal number Linux has ({@code SIGRTMAX}). */
    static final int MAX_SIGNAL = 64;

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(0, signal);
    }

    // tag::decode[]
    /** Decodes {@link Process#exitValue()}. */
    public static ExitStatus fromExitValue(int value) {
        // Exercise 1.4: Java reports a death by signal N as 128 + N (N is 1 to 64);
        //   anything else is an exit code. Return killed(N) or exited(value).
        return Exercise.todo("1.4", "Java reports a death by signal N as 128 + N (N is 1 to 64); anything else is an exit code. Return killed(N) or exited(value).");
    }
    // end::decode[]

    public boolean wasKilled() {
        return signal != 0;
    }

    /** The status a shell or {@code docker run} exits with: the code, or 128 + the signal. */
    public int code() {
        return wasKilled() ? 128 + signal : exitCode;
    }

    /** {@code SIGKILL} for 9; {@code SIGRTMIN+2} and {@code signal 65} past the classic ones. */
    public static String signalName(int signal) {
        if (signal > 0 && signal < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signal];
        }
        return signal >= 34 && signal <= MAX_SIGNAL ? "SIGRTMIN+" + (signal - 34) : "signal " + signal;
    }

    @Override
    public String toString() {
        return wasKilled() ? "killed by " + signalName(signal) + " (signal " + signal + ")" : "exited with " + exitCode;
    }
}
