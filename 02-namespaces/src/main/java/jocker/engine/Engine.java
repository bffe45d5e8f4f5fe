package jocker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import jocker.images.ImageStore;
import jocker.images.Trees;
import jocker.linux.Kernel;
import jocker.namespaces.ExecInit;
import jocker.namespaces.NamespaceJoin;
import jocker.namespaces.ZygotePool;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.security.Confinement;
import jocker.security.UserIds;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * The engine: what {@code jocker}'s commands call, and from chapter 6 what
 * {@code jockerd} serves. It turns a {@link CreateRequest} into an OCI bundle
 * (the spec every chapter's {@link Feature} fills in, and a root filesystem),
 * has the runtime run it, and keeps each container's record in the
 * {@link ContainerStore}. It knows nothing of the command line.
 */
public final class Engine {

    /** How long {@code run -d} waits for a container to be running. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final ImageStore images;
    private final ContainerStore store;

    /** The engine of state directory {@code root}; it first {@linkplain #recover() recovers} what needs it. */
    public Engine(Path root) {
        this.root = root;
        this.images = new ImageStore(root);
        this.store = new ContainerStore(root);
        recover();
    }

    /**
     * Cleans up after commands that were killed midway ({@code kill -9},
     * the OOM killer, a crash), which could not do it themselves: their
     * scratch files ({@link Scratch}), and what each feature left half done
     * (chapter 4: a container its commit froze). Every command starts an
     * engine, so nothing of the kind is seen for long; it costs a directory
     * listing or two. A failure is reported, and the command goes on.
     */
    public void recover() {
        try {
            Scratch.sweep(root);
            for (Feature feature : Feature.all()) {
                feature.recover(store);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker: cannot clean up after an interrupted command in " + root + ": "
                    + e.getMessage());
        }
    }

    public ContainerStore store() {
        return store;
    }

    // tag::create[]
    /**
     * Records a new container and writes its bundle: the spec, filled in by
     * every chapter's feature in chapter order, and the root filesystem.
     * If anything fails, nothing of the container is left.
     */
    public ContainerState create(CreateRequest request) throws IOException {
        ContainerState state = reserve(request);
        try {
            // no command: the image's default (chapter 5 reads it from the image's config; before, sh)
            Spec spec = Spec.of(Path.of("rootfs"), request.command().isEmpty() ? List.of("sh") : request.command())
                    .withEnv(request.env())
                    .withCwd(request.workdir());
            List<Feature> features = Feature.all();
            for (Feature feature : features) {
                feature.configure(store, spec, request, state);
            }
            state = recordCommand(state, spec.process.args);
            Files.createDirectories(store.bundle(state.id()).dir());
            List<Feature> latestFirst = new ArrayList<>(features);
            java.util.Collections.reverse(latestFirst);
            if (!preparedByFeature(latestFirst, state)) {
                Trees.copy(images.rootfs(request.image()), store.rootfs(state.id()));
            }
            store.bundle(state.id()).write(spec);
        } catch (IOException | RuntimeException e) {
            try {
                remove(state);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Events.container(store, state, "create");
        return state;
    }
    // end::create[]

    /**
     * Records the command the features made, when it is not the one asked:
     * {@code ps} and {@code inspect} show what runs, such as {@code sh} for
     * no command, or from chapter 5 the image's entrypoint and command.
     */
    private ContainerState recordCommand(ContainerState state, List<String> args) throws IOException {
        return args.equals(state.command()) ? state : store.update(state.id(), s -> s.withCommand(args));
    }

    /** Records the container under a unique name; a generated name that is taken is drawn again. */
    private ContainerState reserve(CreateRequest request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String name = request.name() != null ? request.name() : Names.newName();
            Names.checkName(name);
            String id = Names.newId();
            String hostname = request.hostname() != null ? request.hostname() : id.substring(0, 12);
            ContainerState state = ContainerState.newContainer(id, name, request.image(), request.command(),
                    hostname, request.env(), request.workdir(), request.autoRemove());
            try {
                store.create(state);
                return state;
            } catch (NameConflictException e) {
                if (request.name() != null || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private boolean preparedByFeature(List<Feature> latestFirst, ContainerState state) throws IOException {
        for (Feature feature : latestFirst) {
            if (feature.prepareRoot(store, state)) {
                return true;
            }
        }
        return false;
    }

    /** The launcher of this engine's init JVMs; they carry {@code --chapter} on. */
    public InitLauncher launcher() {
        return launcher(root);
    }

    private static InitLauncher launcher(Path root) {
        return InitLauncher.forThisJvm(root).withProperty(Chapters.PROPERTY, Integer.toString(Chapters.upTo()));
    }

    /**
     * Starts, before the container exists, the init of the container that
     * this process will run next on {@code stdio} ({@link #runForeground})
     * with the engine of state directory {@code root}:
     * a {@link ZygotePool#once} installed in this process, whose JVM starts
     * while the engine makes the container: on two cores or more, most of
     * the init JVM's start is then no longer on the way. A container that
     * does not suit it (another namespace set, a terminal) starts cold.
     * Nothing when this process keeps a pool already (a monitor held by
     * jockerd). Closing what it returns kills the zygote if nobody took it.
     */
    public static Closeable prepareRun(Path root, Stdio stdio) {
        if (ZygotePool.installed().isPresent()) {
            return () -> { };
        }
        ZygotePool pool = ZygotePool.once(launcher(root), stdio);
        ZygotePool.install(pool);
        return pool::close;
    }

    /**
     * Starts the monitor of state directory {@code root} now if none runs,
     * without waiting for it: {@code run -d} calls this first, so that the
     * monitor's JVM (and the init it starts in advance for the container it
     * was started for) starts while the engine still makes the container.
     * The start request finds it, or starts one as it would have.
     */
    public static void prepareStart(Path root) throws IOException {
        MonitorClient.prelaunch(root, monitorCommand(root));
    }

    /**
     * Runs the container on the caller's streams until it exits. If jocker
     * itself is stopped (SIGTERM, Ctrl-C), the container is stopped too.
     */
    public int runForeground(String id, Stdio stdio) throws IOException, InterruptedException {
        Thread hook = new Thread(() -> stopQuietly(id), "jocker-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Monitor.run(store, id, StdioRelay.forForeground(store, id, stdio), launcher());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the container
            }
        }
    }

    /**
     * Has the state directory's {@link ContainerMonitor} start the container
     * (starting the monitor if none runs) and waits until the container runs
     * (or has already ended). A container that did not start is removed
     * with what the features made for it, and the exception says why: the
     * monitor's answer, which reaches the caller even when the state
     * directory's file system is too full for the log.
     */
    public ContainerState startDetached(String id) throws IOException, InterruptedException {
        MonitorClient.Answer answer;
        try {
            answer = MonitorClient.start(root, id, monitorCommand());
        } catch (IOException e) {
            throw notStarted(store.read(id), e.getMessage(), e);
        }
        ContainerState state;
        try {
            state = store.read(id);
        } catch (ContainerNotFoundException removed) {
            return null; // it ran, exited and was removed (--rm)
        }
        if (answer.started()) {
            return state;
        }
        String why = answer.why();
        String log = Files.exists(store.log(id)) ? Files.readString(store.log(id)).strip() : "";
        why = why.isEmpty() ? log : log.isEmpty() || why.contains(log) ? why : why + "\n" + log;
        throw notStarted(state, why.isEmpty() ? "its monitor said nothing" : why, null);
    }

    /**
     * Keeps this state directory's monitor running, with an init started in
     * advance for the next container, until the returned channel is closed:
     * see {@link MonitorClient#hold}.
     */
    public java.nio.channels.SocketChannel holdMonitor() throws IOException {
        return MonitorClient.hold(root, monitorCommand());
    }

    List<String> monitorCommand() {
        return monitorCommand(root);
    }

    /** The command line of the {@link ContainerMonitor}: a JVM kept small, since it runs as long as containers do. */
    private static List<String> monitorCommand(Path root) {
        List<String> cmd = new ArrayList<>(launcher(root).commandLine(ContainerMonitor.class.getName(),
                List.of(root.toString())));
        // Threads (two or three per container) that need little stack, and a small heap: it holds states.
        cmd.addAll(1, List.of("-Xss256k", "-Xms8m", "-Xmx64m", "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10",
                "-XX:ReservedCodeCacheSize=16m"));
        return cmd;
    }

    /**
     * True if {@code now} is a start after {@code before}: running, or
     * ended, since; also for a container that ran before (docker start, restart).
     */
    static boolean startedSince(ContainerState before, ContainerState now) {
        return !ContainerState.CREATED.equals(now.status())
                && !(Objects.equals(now.processStart(), before.processStart())
                && Objects.equals(now.finished(), before.finished()));
    }

    /** Removes a container that never ran: nothing of it stays; returns the exception to throw. */
    private IllegalStateException notStarted(ContainerState state, String why, Exception cause) {
        IllegalStateException e = new IllegalStateException("container " + state.shortId() + " did not start: "
                + why, cause);
        try {
            remove(state);
        } catch (IOException | RuntimeException cleanup) {
            e.addSuppressed(cleanup);
        }
        return e;
    }

    /**
     * {@code jocker stop}: the stop signal (SIGTERM, or the image's
     * {@code StopSignal} from chapter 5), then SIGKILL after
     * {@code timeout}; waits until the exit is recorded.
     */
    public ContainerState stop(String ref, Duration timeout) throws IOException, InterruptedException {
        ContainerState state = store.find(ref);
        beforeSignal(state);
        Optional<ProcessHandle> process = state.process();
        if (process.isPresent()) {
            Stopper.stop(process.get(), Stopper.stopSignal(store.bundle(state.id()).read()), timeout);
        }
        ContainerState stopped = awaitRecordedExit(state.id());
        Events.container(store, state, "stop");
        return stopped;
    }

    /** {@code jocker kill}: one signal, SIGKILL by default. */
    public void kill(String ref, int signal) throws IOException {
        ContainerState state = store.find(ref);
        ProcessHandle process = state.process()
                .orElseThrow(() -> new IllegalStateException("container " + ref + " is not running"));
        beforeSignal(state);
        Events.container(store, state, "kill", "signal", Integer.toString(signal)); // before its die
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
                Stopper.signal(p, Kernel.SIGKILL);
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            awaitRecordedExit(state.id());
        }
        remove(state);
    }

    /** Deletes a container that has ended: first what the features made for it, then its directory. */
    void remove(ContainerState state) throws IOException {
        Monitor.remove(store, state);
    }

    /** {@code jocker exec} as the container's user. */
    public int exec(String ref, List<String> command, List<String> env, String workdir, Stdio stdio)
            throws IOException, InterruptedException {
        return exec(ref, command, env, workdir, null, stdio);
    }

    // tag::exec[]
    /**
     * {@code jocker exec}: runs a command in the running container's
     * namespaces, as {@code user} (null: the container's), with the
     * container's confinement; returns its exit status.
     */
    public int exec(String ref, List<String> command, List<String> env, String workdir, UserIds user, Stdio stdio)
            throws IOException, InterruptedException {
        return startExec(ref, command, env, workdir, user, stdio).waitFor();
    }

    /**
     * Starts what {@link #exec} runs and returns at once with its
     * {@link Process}: with {@link Stdio#pipes()} the caller reads and writes
     * its streams itself (chapter 6's daemon pumps them to a client).
     */
    public Process startExec(String ref, List<String> command, List<String> env, String workdir, UserIds user,
            Stdio stdio) throws IOException {
        return startExec(ref, command, env, workdir, user, stdio, false);
    }

    /**
     * The same; with {@code terminal} the process asks for a pseudo-terminal
     * of its own ({@code process.terminal}, which chapter 6's init step
     * makes: {@code docker exec -t}).
     */
    public Process startExec(String ref, List<String> command, List<String> env, String workdir, UserIds user,
            Stdio stdio, boolean terminal) throws IOException {
        ContainerState state = store.find(ref);
        ProcessHandle init = state.process()
                .orElseThrow(() -> new IllegalStateException("container " + ref + " is not running"));
        for (Feature feature : Feature.all()) {
            feature.beforeExec(store, state); // chapter 3: a paused container refuses
        }
        Spec spec = store.bundle(state.id()).read();
        Spec.Process process = new Spec.Process();
        process.args = List.copyOf(command);
        process.env = new ArrayList<>(spec.process.env);
        process.env.addAll(env);
        process.cwd = workdir != null ? workdir : spec.process.cwd;
        process.terminal = terminal ? Boolean.TRUE : null;
        // The same confinement as the container's command: an exec is no way around it.
        process.user = spec.process.user;
        process.noNewPrivileges = spec.process.noNewPrivileges;
        process.capabilities = spec.process.capabilities;
        if (user != null && spec.process.capabilities != null) {
            process.user = new Spec.User();
            process.user.uid = user.uid();
            process.user.gid = user.gid();
            process.capabilities = Confinement.forUser(spec.process.capabilities.bounding, user.uid());
        }
        Path execFile = Files.createTempFile(store.dir(state.id()), ".exec-", ".json");
        try {
            new ObjectMapper().writeValue(execFile.toFile(), new ExecInit.ExecFile(init.pid(), process));
            List<String> cmd = launcher().commandLine(ExecInit.class.getName(),
                    List.of(store.bundle(state.id()).dir().toString(), execFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(cmd);
            builder.environment().clear();
            builder.redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
            Process started = NamespaceJoin.start(init.pid(), builder);
            started.onExit().whenComplete((p, e) -> deleteQuietly(execFile));
            return started;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(execFile);
            throw e;
        }
    }
    // end::exec[]

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the container's directory went with an rm meanwhile
        }
    }

    /** {@code jocker ps}: running containers, or all with {@code all}, newest first. */
    public List<ContainerSummary> list(boolean all) throws IOException {
        java.time.Instant now = java.time.Instant.now();
        List<ContainerSummary> out = new ArrayList<>();
        for (ContainerState s : store.list()) {
            ContainerSummary summary = ContainerSummary.of(store, s, now);
            if (all || summary.state().equals("running") || summary.state().equals("paused")) {
                out.add(summary);
            }
        }
        return out;
    }

    // tag::inspect[]
    /**
     * {@code jocker inspect}: the container as Docker's inspect shows it, the
     * fields each chapter knows, and {@code Bundle}: the directory whose
     * config.json is the whole container.
     */
    public Map<String, Object> inspect(String ref) throws IOException {
        ContainerState s = store.find(ref);
        String status = ContainerSummary.stateOf(store, s);
        boolean running = status.equals("running") || status.equals("paused");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", status);
        state.put("Running", running);
        state.put("Paused", status.equals("paused"));
        state.put("Pid", running ? s.pid() : 0);
        int exitCode = ContainerSummary.exitCodeOf(s, status);
        state.put("ExitCode", exitCode);
        state.put("Error", s.error() != null ? s.error()
                : exitCode == ContainerSummary.UNKNOWN_EXIT ? ContainerSummary.UNKNOWN_EXIT_ERROR : "");
        state.put("StartedAt", s.processStart());
        state.put("FinishedAt", s.finished());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", s.hostname());
        config.put("Cmd", s.command());
        config.put("Env", s.env());
        config.put("WorkingDir", s.workdir());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Id", s.id());
        doc.put("Name", s.name());
        doc.put("Image", s.image());
        doc.put("Created", s.created());
        doc.put("State", state);
        doc.put("Config", config);
        doc.put("Bundle", store.bundle(s.id()).dir().toString());
        if (!ContainerState.BROKEN.equals(s.status())) {
            Spec spec = store.bundle(s.id()).read();
            for (Feature feature : Feature.all()) {
                feature.inspect(store, s, spec, doc);
            }
        }
        return doc;
    }
    // end::inspect[]

    /** The container's spec, as its bundle has it. */
    public Spec spec(String ref) throws IOException {
        return store.bundle(store.find(ref).id()).read();
    }

    private void beforeSignal(ContainerState state) throws IOException {
        for (Feature feature : Feature.all()) {
            feature.beforeSignal(store, state);
        }
    }

    /**
     * Waits for the monitor to record the exit, woken by the change of the
     * container's state file; records it itself if the monitor is gone.
     */
    private ContainerState awaitRecordedExit(String id) throws IOException, InterruptedException {
        Predicate<ContainerState> ended = s -> !s.isRunning() && !ContainerState.RUNNING.equals(s.status())
                || ContainerState.EXITED.equals(s.status());
        ContainerState s = store.await(id, ended, Duration.ofSeconds(5), () -> true);
        if (s == null || !ContainerState.RUNNING.equals(s.status()) || s.isRunning()) {
            return s;
        }
        // The process is gone and nobody recorded it: its monitor died with it. Its status is unknown.
        return store.update(id, x -> ContainerState.RUNNING.equals(x.status()) ? x.exited(-1) : x);
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
