package jocker.course;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Test support: runs a chapter's container from outside and collects what it
 * did. The chapter's own harness writes the bundle and makes the init's
 * command line (chapter 1's {@code Jail}, chapter 2's {@code Box}); this
 * class starts that command the same way for every chapter: with an empty
 * environment, its output in files under one directory, and a time limit.
 *
 * <pre>{@code
 * ContainerRun runs = new ContainerRun(state, Duration.ofSeconds(15), ProcessBuilder::start);
 * ContainerResult result = runs.run(launcher.commandLine(bundle));
 * try (RunningContainer c = runs.start(commandLine).awaitReady()) { ... }
 * }</pre>
 */
public final class ContainerRun {

    /**
     * Starts the process of a builder whose command, environment and
     * redirects are set: {@code ProcessBuilder::start}, or a chapter's start
     * in new namespaces.
     */
    @FunctionalInterface
    public interface Launcher {
        Process start(ProcessBuilder builder) throws IOException;
    }

    private static final Redirect NO_INPUT = Redirect.from(new File("/dev/null"));

    private final Path dir;
    private final Duration timeout;
    private final Launcher launcher;

    /** Containers whose output goes in files under {@code dir}, each allowed {@code timeout} to run. */
    public ContainerRun(Path dir, Duration timeout, Launcher launcher) {
        this.dir = dir;
        this.timeout = timeout;
        this.launcher = launcher;
    }

    /** Runs {@code command} to its end, stdin empty; fails the test if it runs past the time limit. */
    public ContainerResult run(List<String> command) throws IOException, InterruptedException {
        return runToEnd(builder(command).redirectInput(NO_INPUT), launcher, dir, timeout, "the container");
    }

    /**
     * Starts {@code command} with pipes to its stdin and from its stdout, for
     * a command that says it is ready and then waits: see {@link RunningContainer}.
     */
    public RunningContainer start(List<String> command) throws IOException {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process process = launcher.start(builder(command).redirectInput(Redirect.PIPE)
                .redirectOutput(Redirect.PIPE).redirectError(stderr.toFile()));
        return new RunningContainer(process, stderr, timeout);
    }

    /** The init's environment is the spec's alone: nothing of the test JVM's leaks in. */
    private static ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        return builder;
    }

    /**
     * Starts {@code builder} with stdout and stderr to new files in
     * {@code dir}, waits up to {@code timeout} and reads them; {@code what}
     * names the process in the failure. The process never outlives the call.
     */
    static ContainerResult runToEnd(ProcessBuilder builder, Launcher launcher, Path dir, Duration timeout,
            String what) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = launcher.start(builder.redirectOutput(out.toFile()).redirectError(err.toFile()));
        try {
            Assertions.assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    () -> what + " still running after " + timeout.toSeconds() + " s");
            return new ContainerResult(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }
}
