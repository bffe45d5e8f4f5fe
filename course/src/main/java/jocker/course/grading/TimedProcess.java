package jocker.course.grading;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with its output in a log file and a time limit. Past the
 * limit the command and every process it started (a build's forked test JVMs,
 * the containers those start) are killed, children first.
 */
final class TimedProcess {

    /** How a run ended: its exit status, or that it ran out of time. */
    record Outcome(int exitStatus, boolean timedOut, Duration took) {
    }

    private TimedProcess() {
    }

    static Outcome run(List<String> command, Path dir, Path log, Duration limit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        // An outer Maven's (when this runs inside a build, as in the course's own test) must not
        // point the inner one at another project directory.
        env.remove("MAVEN_BASEDIR");
        env.remove("MAVEN_PROJECTBASEDIR");
        env.remove("MAVEN_ARGS");
        env.remove("MAVEN_CONFIG");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process.toHandle());
                process.waitFor(30, TimeUnit.SECONDS);
                return new Outcome(-1, true, Duration.ofNanos(System.nanoTime() - start));
            }
            return new Outcome(process.exitValue(), false, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** Kills a process and its descendants, listed before the first kill, so that none escapes by being re-parented. */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroyForcibly();
        }
        for (ProcessHandle handle : descendants) {
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> handle).join();
        }
    }
}
