package jocker.chroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.course.ContainerResult;
import jocker.course.ContainerRun;
import jocker.course.RunningContainer;
import jocker.runtime.Container;
import jocker.runtime.ExitStatus;
import jocker.runtime.InitLauncher;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * Test support: runs the chapter's init and collects what it did. A probe in
 * the jail reports; the tests check what it reports and what the kernel shows
 * about it from outside ({@code /proc/<pid>}). The course kit's
 * {@link ContainerRun} does the running; this class makes the chapter's
 * bundle and command line.
 *
 * <p>It starts the init with its own {@link ProcessBuilder} rather than
 * {@link Container#start}, so that the tests of exercises 1.1 and 1.2 do not
 * depend on exercise 1.3, and reads the raw exit value rather than an
 * {@link ExitStatus}, so that only the tests of 1.4 depend on 1.4. The tests
 * of 1.1 run a {@link JailProbe} instead of the init, so that they do not
 * depend on 1.2 either.
 */
final class Jail {

    /** How long any container in these tests may run. */
    static final long TIMEOUT_SECONDS = 15;

    private final Path stateRoot;
    private final InitLauncher launcher;
    private final ContainerRun runs;

    Jail(Path stateRoot) {
        this.stateRoot = stateRoot;
        this.launcher = InitLauncher.forThisJvm(stateRoot);
        this.runs = new ContainerRun(stateRoot, Duration.ofSeconds(TIMEOUT_SECONDS), ProcessBuilder::start);
    }

    /** Runs {@code config} to the end with stdin empty and stdout, stderr to files. */
    ContainerResult run(Spec config) throws Exception {
        return runs.run(commandLine(config));
    }

    /** Starts {@code config}, a command that says it is ready and waits ({@link #waiting}). */
    RunningContainer start(Spec config) throws IOException {
        return runs.start(commandLine(config));
    }

    /**
     * Runs {@code config}'s root switch, then a {@link JailProbe} with
     * {@code requests} in place of the command, to the end.
     */
    ContainerResult probe(Spec config, String... requests) throws Exception {
        return runs.run(probeCommandLine(config, requests));
    }

    /** Starts a {@link JailProbe} that says it is ready from inside the jail and waits. */
    RunningContainer startProbe(Spec config) throws IOException {
        return runs.start(probeCommandLine(config, "wait"));
    }

    private List<String> probeCommandLine(Spec config, String... requests) throws IOException {
        List<String> args = new ArrayList<>(List.of(bundle(stateRoot, config).toString()));
        args.addAll(List.of(requests));
        return launcher.commandLine(JailProbe.class.getName(), args);
    }

    private List<String> commandLine(Spec config) throws IOException {
        return launcher.commandLine(bundle(stateRoot, config));
    }

    /** A new bundle directory under {@code parent} whose config.json is {@code spec}. */
    static Path bundle(Path parent, Spec spec) throws IOException {
        Path dir = Files.createTempDirectory(parent, "bundle");
        Bundle.write(dir, spec);
        return dir;
    }

    /** {@code sh -c script} in {@code rootfs}. */
    static Spec sh(Path rootfs, String script) {
        return Spec.of(rootfs, List.of("sh", "-c", script));
    }

    /** A command that says it is ready, then waits for stdin to close. */
    static Spec waiting(Path rootfs) {
        return sh(rootfs, RunningContainer.READY_THEN_WAIT);
    }
}
