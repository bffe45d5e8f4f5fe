package jocker.engine;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jocker.runtime.InitConfig;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.cli.Jocker;
import jocker.images.ImageStore;
import jocker.images.Trees;
import jocker.namespaces.ExecInit;
import jocker.linux.Kernel;
import jocker.namespaces.NamespaceJoin;

/** Chapter 2's containers, which outlive the command that started them: the engine behind the CLI. */
public final class Containers {

    /** How long {@code run -d} waits for a container to be running. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final ImageStore images;
    private final ContainerStore store;

    public Containers(Path root) {
        this.root = root;
        this.images = new ImageStore(root);
        this.store = new ContainerStore(root);
    }

    public ContainerStore store() {
        return store;
    }

    /** Records a new container and copies its image's files for it (chapter 4: stacks its layers). */
    public ContainerState create(RunOptions options) throws IOException {
        String name = options.name() != null ? options.name() : Names.newName();
        Names.checkName(name);
        for (ContainerState other : store.list()) {
            if (other.name().equals(name)) {
                throw new IllegalArgumentException("the name '" + name + "' is in use by container " + other.shortId());
            }
        }
        String id = Names.newId();
        String hostname = options.hostname() != null ? options.hostname() : id.substring(0, 12);
        ContainerState state = ContainerState.newContainer(id, name, options.image(), options.command(), hostname,
                options.env(), options.workdir(), options.autoRemove());
        store.create(state);
        try {
            if (!preparedByHook(state)) {
                Trees.copy(images.rootfs(options.image()), store.rootfs(id));
            }
        } catch (IOException | RuntimeException e) {
            store.remove(id);
            throw e;
        }
        return state;
    }

    private boolean preparedByHook(ContainerState state) throws IOException {
        for (ContainerHook hook : ContainerHook.all()) {
            if (hook.prepareRootfs(store, state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the container on the caller's streams until it exits. If jocker
     * itself is stopped (SIGTERM, Ctrl-C), the container is stopped too.
     */
    public int runForeground(String id, Stdio stdio) throws IOException, InterruptedException {
        Thread hook = new Thread(() -> stopQuietly(id), "jocker-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Monitor.run(store, id, stdio, InitLauncher.forThisJvm(root));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the container
            }
        }
    }

    /** Starts a {@link Shim} for the container and waits until the container runs (or has already ended). */
    public ContainerState startDetached(String id) throws IOException, InterruptedException {
        InitLauncher launcher = InitLauncher.forThisJvm(root);
        List<String> cmd = new ArrayList<>(List.of(launcher.java().toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djna.nounpack=true", "-Djna.boot.library.path=" + launcher.jnaLibDir(),
                "-D" + Jocker.CHAPTER_PROPERTY + "=" + Jocker.chapter(), // the shim's hooks: --chapter's
                "-cp", launcher.classPath(), Shim.class.getName(), root.toString(), id));
        File log = store.log(id).toFile();
        ProcessBuilder shim = new ProcessBuilder(cmd)
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(log))
                .redirectError(Redirect.appendTo(log));
        Process process = shim.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            ContainerState state = readIfPresent(id);
            if (state == null || !ContainerState.CREATED.equals(state.status())) {
                return state; // null: it ran, exited and was removed (--rm)
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("container " + id.substring(0, 12) + " did not start: "
                + (Files.exists(store.log(id)) ? Files.readString(store.log(id)).strip() : "no log"));
    }

    private ContainerState readIfPresent(String id) throws IOException {
        try {
            return store.read(id);
        } catch (ContainerNotFoundException e) {
            return null;
        }
    }

    /** {@code jocker stop}: SIGTERM, then SIGKILL after {@code timeout}; waits until the exit is recorded. */
    public ContainerState stop(String ref, Duration timeout) throws IOException, InterruptedException {
        ContainerState state = store.find(ref);
        beforeSignal(state);
        state.process().ifPresent(p -> Stopper.stop(p, timeout));
        return awaitRecordedExit(state.id());
    }

    /** {@code jocker kill}: one signal, SIGKILL by default. */
    public void kill(String ref, int signal) throws IOException {
        ContainerState state = store.find(ref);
        ProcessHandle process = state.process()
                .orElseThrow(() -> new IllegalStateException("container " + ref + " is not running"));
        beforeSignal(state);
        Kernel.kill(process.pid(), signal);
    }

    /** {@code jocker rm}: a running container only with {@code force}, which kills it first. */
    public void remove(String ref, boolean force) throws IOException, InterruptedException {
        ContainerState state = store.find(ref);
        if (state.isRunning()) {
            if (!force) {
                throw new IllegalStateException("container " + ref + " is running: stop it first, or use rm -f");
            }
            beforeSignal(state);
            state.process().ifPresent(p -> {
                Kernel.kill(p.pid(), Stopper.SIGKILL);
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            awaitRecordedExit(state.id());
        }
        Monitor.remove(store, state);
    }

    /** {@code jocker exec}: runs a command in the running container's namespaces; returns its exit status. */
    public int exec(String ref, List<String> command, List<String> env, String workdir, Stdio stdio)
            throws IOException, InterruptedException {
        ContainerState state = store.find(ref);
        ProcessHandle init = state.process()
                .orElseThrow(() -> new IllegalStateException("container " + ref + " is not running"));
        InitLauncher base = InitLauncher.forThisJvm(root);
        InitLauncher launcher = new InitLauncher(base.java(), base.classPath(), base.jnaLibDir(),
                ExecInit.class.getName());
        List<String> environment = new ArrayList<>(state.env());
        environment.addAll(env);
        InitConfig config = InitConfig.of(Path.of("/"), command).withEnv(environment)
                .withWorkdir(workdir != null ? workdir : state.workdir());
        List<String> cmd = new ArrayList<>(launcher.commandLine(config));
        cmd.add(cmd.indexOf("--"), "--pid=" + init.pid());
        for (ContainerHook hook : ContainerHook.all()) {
            cmd.addAll(cmd.indexOf("--"), hook.beforeExec(store, state)); // chapter 3: join its cgroup too
        }
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().clear();
        builder.redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
        return NamespaceJoin.start(init.pid(), builder).waitFor();
    }

    private void beforeSignal(ContainerState state) throws IOException {
        for (ContainerHook hook : ContainerHook.all()) {
            hook.beforeSignal(store, state);
        }
    }

    /** Waits for the monitor to record the exit; records it itself if the monitor is gone. */
    private ContainerState awaitRecordedExit(String id) throws IOException, InterruptedException {
        for (int i = 0; i < 250; i++) {
            ContainerState s = readIfPresent(id);
            if (s == null || ContainerState.EXITED.equals(s.status())) {
                return s;
            }
            Thread.sleep(20);
        }
        ContainerState s = store.read(id);
        return s.isRunning() ? s : store.update(id, x -> x.exited(137));
    }

    private void stopQuietly(String id) {
        try {
            stop(id, Duration.ofSeconds(10));
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker: could not stop container " + id.substring(0, 12) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
