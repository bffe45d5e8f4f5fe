package jocker.engine;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jocker.linux.Kernel;
import jocker.namespaces.Zygote;
import jocker.namespaces.ZygotePool;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;

/**
 * The parent of every detached container of a state directory: one JVM that
 * starts them, waits for them, records how they ended and holds their
 * streams (chapter 6), the part of Docker that containerd's shims play.
 * containerd starts a shim process per container (12 MiB each) and podman a
 * conmon (2 MiB); a JVM costs 70 MiB, so Jocker keeps one for all of them,
 * and each container costs it a few threads.
 *
 * <p>It outlives whoever started it ({@code jocker run -d}, or jockerd,
 * which may restart): {@link MonitorClient} starts it through a shell that
 * exits at once (a double fork), and it leaves the terminal's session
 * ({@code setsid}), so a hang-up or Ctrl-C reaches neither it nor the
 * containers. It is a child subreaper: a descendant orphaned on its way
 * becomes its child, not PID 1's. A lock on {@code <root>/monitor.lock}
 * makes sure only one runs per state directory (and chapter); it listens on
 * {@code <root>/monitor.sock}, and exits once no container has run for
 * {@link #IDLE}, so that no process stays behind.
 *
 * <p>Arguments: {@code <state root>}. Its own messages go to
 * {@code <root>/monitor.log}; why a container did not start goes back to
 * the client that asked, and to the container's log.
 */
public final class ContainerMonitor {

    /** How long the monitor waits, with no container running, for another before it exits. */
    static final Duration IDLE = Duration.ofSeconds(2);

    private final ContainerStore store;
    private final InitLauncher launcher;
    private int busy; // containers running, and requests being answered
    private long idleSince = System.nanoTime();
    private boolean closing;
    private int holders; // connections that keep the monitor, and a zygote, until they close
    private ZygotePool zygotes;
    private ZygotePool first; // started for the container this monitor was started for, or asked to prepare
    /** How long an init started by {@code prepare} waits for its container. */
    private static final Duration PREPARED_FOR = Duration.ofSeconds(30);

    private ContainerMonitor(ContainerStore store, InitLauncher launcher) {
        this.store = store;
        this.launcher = launcher;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Kernel.setsid();
        Kernel.becomeChildSubreaper();
        logTo(root.resolve("monitor.log"));
        Files.createDirectories(root);
        try (FileChannel lockFile = FileChannel.open(MonitorClient.lockFile(root), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return; // another monitor runs for this root: the client connects to it
            }
            Path socket = MonitorClient.socket(root);
            Files.deleteIfExists(socket); // a monitor killed with -9 left it; the lock says none listens
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(java.net.UnixDomainSocketAddress.of(socket));
                Object bound = fileKey(socket);
                ContainerMonitor monitor = new ContainerMonitor(new ContainerStore(root),
                        InitLauncher.forThisJvm(root).withProperty(Chapters.PROPERTY,
                                Integer.toString(Chapters.upTo())));
                if (args.length > 1 && "start".equals(args[1])) {
                    monitor.startFirstInit();
                }
                Thread acceptor = new Thread(() -> monitor.accept(server), "monitor-accept");
                acceptor.setDaemon(true);
                acceptor.start();
                monitor.awaitIdle();
                monitor.dropFirstInit();
                // No new connection from now; one already queued is closed unanswered, and its client
                // starts a new monitor, which takes the lock once this one has exited. Only the socket
                // this monitor bound: if the state directory was deleted and made anew meanwhile, the
                // socket at that path is another monitor's, and without it no client could reach that one.
                if (bound != null && bound.equals(fileKey(socket))) {
                    Files.deleteIfExists(socket);
                }
            }
        }
        System.exit(0);
    }

    /** The file's device and inode ({@link java.nio.file.attribute.BasicFileAttributes#fileKey}); null if it is gone. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * Started for a container ({@code run -d} started it, with {@code start}
     * after the state directory): that container's init starts now, a
     * zygote, while the client still makes the container and this JVM
     * starts its server. One only: the monitor keeps none ready after it.
     * None where a zygote could not take a detached container's streams: up
     * to chapter 5 they are the log file, which only a cold start opens
     * ({@link StdioRelay#logFile}). One that no container takes within
     * {@link #PREPARED_FOR} (the container started cold: a terminal, a spec
     * the zygote does not suit; or the client failed) is killed, rather than
     * kept as long as the monitor runs.
     */
    private void startFirstInit() {
        if (StdioRelay.latest().isEmpty()) {
            return;
        }
        ZygotePool mine;
        synchronized (this) {
            first = ZygotePool.once(launcher, Stdio.pipes());
            ZygotePool.install(first);
            mine = first;
        }
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(PREPARED_FOR.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (first != mine) {
                    return; // replaced, or dropped at exit
                }
                first = null;
            }
            mine.close(); // kills it only if no container took it
        }, "prepared-init");
        timer.setDaemon(true);
        timer.start();
    }

    /**
     * {@code prepare}: {@code jocker run -d} asks first thing, before it
     * makes its container, so that the container's init starts now, a
     * zygote, as for the container a monitor was started for
     * ({@link #startFirstInit}): its JVM starts while the client still works
     * (1.1 s against 0.6 s for a {@code run -d} that finds the monitor
     * running; the zygote would be ready long before the start request).
     * One at a time, and none while a daemon holds the monitor, whose own
     * pool is ready anyway.
     */
    private synchronized void prepare() {
        if (holders > 0 || first != null && first.untaken()) {
            return;
        }
        startFirstInit();
    }

    /** Kills the first init if no container took it (the container started cold, or never came). */
    private void dropFirstInit() {
        ZygotePool unused;
        synchronized (this) {
            unused = first;
            first = null;
        }
        if (unused != null) {
            unused.close();
        }
    }

    /** The monitor's own messages (a relay that failed, say) append to {@code file}, if it can be written. */
    private static void logTo(Path file) {
        try {
            System.setErr(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException full) {
            // they go where the starter sent them: nowhere
        }
    }

    /** Returns once nothing has run for {@link #IDLE}; then refuses every request. */
    private synchronized void awaitIdle() throws InterruptedException {
        while (true) {
            long left = IDLE.toNanos() - (System.nanoTime() - idleSince);
            if (busy == 0 && left <= 0) {
                closing = true;
                return;
            }
            wait(busy == 0 ? Math.max(1, left / 1_000_000) : 0);
        }
    }

    /** Counts a request or a container in; false if the monitor is exiting. */
    private synchronized boolean enter() {
        if (closing) {
            return false;
        }
        busy++;
        return true;
    }

    private synchronized void leave() {
        busy--;
        idleSince = System.nanoTime();
        notifyAll();
    }

    private void accept(ServerSocketChannel server) {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread handler = new Thread(() -> answer(client), "monitor-request");
            handler.setDaemon(true);
            handler.start();
        }
    }

    /**
     * One request: {@code start <id>}, or {@code status}. The first line of
     * the answer is {@code accepted}: a client that reads none has reached a
     * monitor that is exiting, and starts another.
     */
    private void answer(SocketChannel client) {
        try (client; Writer out = Channels.newWriter(client, StandardCharsets.UTF_8)) {
            if (!enter()) {
                return;
            }
            try {
                String request = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8)).readLine();
                out.write("accepted\n");
                out.flush();
                if (request != null && request.startsWith("start ")) {
                    out.write(start(request.substring("start ".length())));
                } else if ("prepare".equals(request)) {
                    prepare();
                } else if ("hold".equals(request)) {
                    out.write("held\n");
                    out.flush();
                    hold(client);
                } else if ("status".equals(request)) {
                    out.write("pid " + ProcessHandle.current().pid() + " subreaper " + Kernel.isChildSubreaper()
                            + "\n");
                } else {
                    out.write("failed\nunknown request: " + request + "\n");
                }
            } finally {
                leave();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker-monitor: " + e);
        }
    }

    /**
     * Starts container {@code id} on a thread of its own, which waits for it
     * to its end; returns, once it runs (or has run), {@code started}, or
     * {@code failed} and why on the following lines.
     */
    private String start(String id) throws IOException {
        ContainerState before = store.read(id);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        enter(); // the container, until its end: the monitor does not exit meanwhile
        Thread container = new Thread(() -> {
            try {
                exit.complete(runContainer(id));
            } catch (Exception | Error e) {
                report(id, e);
                exit.completeExceptionally(e);
            } finally {
                leave();
            }
        }, "container-" + id.substring(0, 12));
        container.start();
        ContainerState state;
        try {
            state = store.await(id, s -> Engine.startedSince(before, s), Engine.START_TIMEOUT, () -> !exit.isDone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failed\ninterrupted\n";
        }
        if (exit.isCompletedExceptionally()) {
            return "failed\n" + exit.handle((status, e) -> "jocker-monitor: " + e.getMessage()).join() + "\n";
        }
        if (state != null && ContainerState.CREATED.equals(state.status()) && !exit.isDone()) {
            return "failed\ndid not start within " + Engine.START_TIMEOUT.toSeconds() + " s\n";
        }
        return "started\n";
    }

    /**
     * Keeps the monitor from exiting, and a {@link Zygote} ready, until the
     * holder (jockerd) closes its connection or dies. The zygote costs a
     * JVM's memory while it waits, so only a daemon that starts containers
     * often asks for one to be kept ready; {@code jocker run -d} asks for
     * one init at a time, for its own container ({@link #prepare}).
     */
    private void hold(SocketChannel client) throws IOException {
        synchronized (this) {
            if (holders++ == 0) {
                zygotes = ZygotePool.start(launcher);
                ZygotePool.install(zygotes); // in place of the first init's, if any: dropped at exit
            }
        }
        try {
            java.nio.ByteBuffer ignored = java.nio.ByteBuffer.allocate(64);
            while (client.read(ignored.clear()) >= 0) {
                // the holder sends nothing: this waits for its close
            }
        } finally {
            ZygotePool released = null;
            synchronized (this) {
                if (--holders == 0) {
                    released = zygotes;
                    zygotes = null;
                }
            }
            if (released != null) {
                released.close();
            }
        }
    }

    // tag::start-init[]
    /**
     * Runs the container to its end (start the init, record running, wait,
     * record the exit, the features' hooks, {@code --rm}) with its streams in
     * the log: the one place where the monitor starts an init.
     */
    private int runContainer(String id) throws IOException, InterruptedException {
        return Monitor.run(store, id, StdioRelay.forDetached(store, id), launcher);
    }
    // end::start-init[]

    /** Why a container did not start or run to its end, in its log (for {@code jocker logs}) and the monitor's. */
    private void report(String id, Throwable e) {
        String message = "jocker-monitor: " + (e.getMessage() != null ? e.getMessage() : e.toString());
        System.err.println(message + " (container " + id + ")");
        try {
            Files.writeString(store.log(id), message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException full) {
            // the client has it
        }
    }
}
