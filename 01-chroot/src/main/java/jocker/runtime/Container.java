package jocker.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jocker.course.Exercise;

/**
 * The parent's handle on a running container: the init process it started,
 * which becomes the container's command and keeps its PID.
 */
public final class Container {

    private final Process process;

    private Container(Process process) {
        this.process = process;
    }

    // tag::start[]
    /**
     * Starts the init for the bundle in {@code bundle}, its standard streams
     * connected as {@code stdio} says.
     */
    public static Container start(Path bundle, Stdio stdio, InitLauncher launcher)
            throws IOException {
        // Exercise 1.3: start the launcher's command line for the bundle with a ProcessBuilder
        //   whose environment is empty (the container's is in the bundle's config.json), with stdin,
        //   stdout and stderr redirected as stdio says, and wrap the Process.
        return Exercise.todo("1.3", "start the launcher's command line for the bundle with a ProcessBuilder whose environment is empty (the container's is in the bundle's config.json), with stdin, stdout and stderr redirected as stdio says, and wrap the Process.");
    }
    // end::start[]

    /** The container's PID: the init's, and after execve the command's. */
    public long pid() {
        return process.pid();
    }

    /** The process, for its pipes when started with {@link Stdio#pipes()}. */
    public Process process() {
        return process;
    }

    /** Waits for the container's command to end. */
    public ExitStatus waitFor() throws InterruptedException {
        return ExitStatus.fromExitValue(process.waitFor());
    }

    /**
     * Ends the container: SIGTERM, and SIGKILL if it is still there after
     * {@code grace}. Returns how it ended.
     */
    public ExitStatus stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        return waitFor();
    }

    public boolean isRunning() {
        return process.isAlive();
    }
}
