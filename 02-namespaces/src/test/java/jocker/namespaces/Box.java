package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import jocker.course.ContainerResult;
import jocker.course.ContainerRun;
import jocker.course.RunningContainer;
import jocker.runtime.Init;
import jocker.runtime.InitLauncher;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * Test support: runs a container in new namespaces and collects what it did.
 * The command reports from inside; the tests also look from outside
 * ({@code /proc/<pid>/ns}, the host's mount table). The course kit's
 * {@link ContainerRun} does the running; this class makes chapter 2's
 * bundle and starts it in new namespaces.
 */
final class Box {

    static final long TIMEOUT_SECONDS = 20;

    private final Path stateRoot;
    private final InitLauncher launcher;
    private final ContainerRun runs;

    /** What the boxes' specs leave out of chapter 2's, so that a test needs only the exercises it checks. */
    private final Consumer<Spec> trim;

    /** Boxes started with {@code mainClass} as their init: chapter 2's, or a test's probe. */
    Box(Path stateRoot, Class<?> mainClass) {
        this(stateRoot, mainClass, spec -> { });
    }

    private Box(Path stateRoot, Class<?> mainClass, Consumer<Spec> trim) {
        this.stateRoot = stateRoot;
        this.trim = trim;
        this.launcher = InitLauncher.forThisJvm(stateRoot).withMainClass(mainClass);
        // Every namespace from the parent, the cgroup namespace too, so that exercise 2.1's tests
        // see NamespacedStart alone (the engine leaves the cgroup namespace to the init, see Namespace.BY_PARENT).
        this.runs = new ContainerRun(stateRoot, Duration.ofSeconds(TIMEOUT_SECONDS),
                builder -> NamespacedStart.start(builder, Namespace.ALL));
    }

    /** Chapter 2's init. */
    Box(Path stateRoot) {
        this(stateRoot, Init.class);
    }

    /**
     * Chapter 2's init with a spec that mounts no /proc and no /sys and so
     * masks nothing: the containers of the tests of exercise 2.3, which
     * need neither 2.4 nor 2.5 (they look at /proc from the host's side).
     */
    static Box withoutProcAndSys(Path stateRoot) {
        return new Box(stateRoot, Init.class, spec -> {
            spec.mounts.removeIf(m -> m.destination.equals("/proc") || m.destination.equals("/sys"));
            spec.linux().maskedPaths.clear();
            spec.linux().readonlyPaths.clear();
        });
    }

    ContainerResult run(Spec config) throws Exception {
        return run(config, "box");
    }

    ContainerResult run(Spec config, String hostname) throws Exception {
        return runs.run(commandLine(config, hostname));
    }

    /** Starts {@code config}, a command that says it is ready and waits ({@link #waiting}). */
    RunningContainer start(Spec config) throws IOException {
        return runs.start(commandLine(config, "box"));
    }

    /** Writes a bundle of chapter 2's spec for {@code config}, as the engine does; the init's command line. */
    private List<String> commandLine(Spec config, String hostname) throws IOException {
        NamespacesFeature.configure(config, hostname);
        trim.accept(config);
        Path bundle = Files.createTempDirectory(stateRoot, "bundle");
        Bundle.write(bundle, config);
        return launcher.commandLine(bundle);
    }

    static Spec sh(Path rootfs, String script) {
        return Spec.of(rootfs, List.of("sh", "-c", script));
    }

    /** {@code script}, then {@code ready}, then wait for stdin to close. */
    static Spec waiting(Path rootfs, String script) {
        return sh(rootfs, script + "; " + RunningContainer.READY_THEN_WAIT);
    }
}
