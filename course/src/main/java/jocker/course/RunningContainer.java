package jocker.course;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Test support: a container that prints {@code ready} and then waits for its
 * stdin to close ({@link #READY_THEN_WAIT}), so that a test can look at it
 * from outside while it runs: {@code /proc/<pid>}, the host's mount table.
 * Started by {@link ContainerRun#start}; use it in try-with-resources, so
 * that closing kills it even when the test fails.
 */
public final class RunningContainer implements AutoCloseable {

    /** The end of such a container's shell script: say ready, wait for stdin to close, exit 0. */
    public static final String READY_THEN_WAIT = "echo ready; read line; exit 0";

    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;
    private final Duration timeout;

    RunningContainer(Process process, Path stderr, Duration timeout) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
        this.timeout = timeout;
    }

    /** Waits until the command has printed {@code ready}: it is running, past execve. */
    public RunningContainer awaitReady() throws IOException {
        String first = stdout.readLine();
        Assertions.assertEquals("ready", first,
                () -> "the container's first line; its stderr said: " + readQuietly(stderr));
        return this;
    }

    /** The command's next line of output. */
    public String nextLine() throws IOException {
        return stdout.readLine();
    }

    /** The container's init, as the host sees it. */
    public long pid() {
        return process.pid();
    }

    /** Closes stdin, so {@code read} sees end of file and the command exits; returns its exit value. */
    public int finish() throws IOException, InterruptedException {
        process.getOutputStream().close();
        Assertions.assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                () -> "the container still running " + timeout.toSeconds() + " s after its stdin closed");
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** A file's text, or why it cannot be read: for failure messages, which must not fail themselves. */
    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
