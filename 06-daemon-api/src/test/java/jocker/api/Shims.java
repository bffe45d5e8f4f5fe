package jocker.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jocker.course.Await;

/**
 * The container monitor a test's containers left: it records a {@code --rm}
 * container's end after removing it, and exits a moment after the last container.
 */
public final class Shims {

    private Shims() {
    }

    /**
     * Waits (20 s at most) until no process that has the state directory
     * {@code root} as an argument runs (the container monitor), so that the directory can
     * be deleted without one writing into it. The arguments are read from
     * {@code /proc/PID/cmdline} whole: {@code ProcessHandle.Info} cuts a long
     * command line (the monitor's class path) before its last arguments.
     */
    public static void awaitNone(Path root) throws Exception {
        String wanted = root.toString();
        Await.poll(Duration.ofSeconds(20), Duration.ofMillis(50), () -> ProcessHandle.allProcesses()
                .noneMatch(p -> Arrays.asList(arguments(p.pid())).contains(wanted)));
    }

    private static String[] arguments(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
        } catch (IOException gone) {
            return new String[0];
        }
    }
}
