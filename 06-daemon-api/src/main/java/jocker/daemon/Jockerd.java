package jocker.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import jocker.api.ApiServer;
import jocker.api.ApiVersions;
import jocker.engine.Chapters;
import jocker.engine.Engine;
import jocker.linux.JnaSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jockerd}: the daemon. It owns the state directory while it runs
 * and serves the Docker Engine API on a UNIX socket, so that the real
 * {@code docker} CLI, docker-java, or {@code jocker -H} drive it. It never
 * owns a container's process: each detached container has its shim, which
 * outlives the daemon; stopped and started again, the daemon finds the
 * containers in the state directory as it left them.
 */
@Command(name = "jockerd", mixinStandardHelpOptions = true, versionProvider = Jockerd.Version.class,
        description = "Serves the Docker Engine API (" + ApiVersions.CURRENT + ") on a UNIX socket.",
        footer = {"", "Example: jockerd &   then   DOCKER_HOST=unix:///run/jocker.sock docker run --rm busybox echo hi"})
public final class Jockerd implements Callable<Integer> {

    /** Where the daemon listens unless told: the docker CLI reaches it with DOCKER_HOST=unix:///run/jocker.sock. */
    public static final String DEFAULT_HOST = "unix:///run/jocker.sock";

    /**
     * The system property in which jockerd hands its {@code --insecure-registry} flags (comma-separated) to
     * chapter 7's pull and push, whose endpoints the daemon finds as services and never names.
     */
    public static final String INSECURE_REGISTRIES = "jocker.insecure-registries";

    @Option(names = {"-H", "--host"}, paramLabel = "unix://PATH", defaultValue = DEFAULT_HOST,
            description = "The socket to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--root", paramLabel = "DIR",
            description = "State directory: images and containers (default: $JOCKER_ROOT, else /var/lib/jocker).")
    private Path root;

    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL", defaultValue = "info",
            description = "debug, info, warn or error (default: ${DEFAULT-VALUE}); debug logs every request.")
    private String logLevel;

    @Option(names = {"-p", "--pidfile"}, paramLabel = "FILE",
            description = "Where to write the daemon's PID (default: jockerd.pid in the state directory).")
    private Path pidfile;

    @Option(names = {"-G", "--group"}, paramLabel = "GROUP", defaultValue = "jocker",
            description = "The group that may use the socket, when it exists (default: ${DEFAULT-VALUE}).")
    private String group;

    @Option(names = "--insecure-registry", paramLabel = "HOST:PORT",
            description = "A registry that pull and push reach over plain HTTP, not HTTPS (repeatable; a loopback "
                    + "address always is).")
    private List<String> insecureRegistries = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Jockerd())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("jockerd: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
            throw new IllegalStateException("jockerd needs root: it makes namespaces, mounts and cgroups (try sudo)");
        }
        ApiServer.ApiLog log = new ApiServer.ApiLog(level(logLevel), System.err);
        Path state = stateDir();
        Path socket = socketPath(host);
        Files.createDirectories(state);
        Path lib = JnaSetup.unpackDispatchLibrary(state.resolve("lib"));
        System.setProperty("jna.nounpack", "true");
        System.setProperty("jna.boot.library.path", lib.toString());
        System.setProperty("io.netty.native.workdir", lib.toString()); // Netty's epoll library, not into /tmp

        Path pid = pidfile != null ? pidfile : state.resolve("jockerd.pid");
        try (FileChannel pidChannel = FileChannel.open(pid, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            FileLock lock = pidChannel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("another jockerd (pid " + Files.readString(pid).strip() + ") uses "
                        + state + ": stop it first, or give another --root");
            }
            pidChannel.truncate(0);
            pidChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            clearStaleSocket(socket);
            Files.createDirectories(socket.getParent());
            System.setProperty(INSECURE_REGISTRIES, String.join(",", insecureRegistries));
            Engine engine = new Engine(state); // recovers what a killed command left
            ApiServer server = ApiServer.start(socket, state, engine, log);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            shareWithGroup(socket, log);
            List<DaemonService> services = startServices(engine, state, log);
            Thread stopper = new Thread(() -> {
                log.info("stopping: containers keep running");
                for (DaemonService s : services) {
                    s.stop();
                }
                server.close();
                try {
                    Files.deleteIfExists(pid);
                } catch (IOException e) {
                    log.error("cannot remove " + pid + ": " + e.getMessage());
                }
            }, "jockerd-stop");
            Runtime.getRuntime().addShutdownHook(stopper); // SIGTERM, SIGINT
            log.info("jockerd " + Version.number() + " (API " + ApiVersions.CURRENT + ", chapters up to "
                    + Math.min(Chapters.upTo(), 99) + ") listening on unix://" + socket + ", state in " + state
                    + ", pid " + ProcessHandle.current().pid());
            server.awaitClose();
            return 0;
        }
    }

    private Path stateDir() {
        if (root != null) {
            return absolute(root.toString(), "--root");
        }
        String env = System.getenv("JOCKER_ROOT");
        return env != null ? absolute(env, "JOCKER_ROOT") : Path.of("/var/lib/jocker");
    }

    private static Path absolute(String dir, String what) {
        if (dir.isBlank() || !dir.startsWith("/")) {
            throw new IllegalArgumentException(what + " must be an absolute path, not '" + dir + "'");
        }
        return Path.of(dir).normalize();
    }

    /** {@code unix:///run/jocker.sock} → /run/jocker.sock; TCP is refused: the API is root on this machine. */
    static Path socketPath(String host) {
        if (!host.startsWith("unix://")) {
            throw new IllegalArgumentException("--host " + host + ": only unix:// sockets are served (anyone who can "
                    + "reach the API is root on this machine; a TCP socket would hand that to the network)");
        }
        String path = host.substring("unix://".length());
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("--host " + host + ": the socket's path must be absolute");
        }
        return Path.of(path).normalize();
    }

    /**
     * A socket file left by a daemon that was killed is removed; one that
     * still answers belongs to a live daemon, and this one refuses to start.
     */
    private static void clearStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IllegalStateException(socket + " is in use by another daemon: stop it, or give another --host");
        } catch (IOException nobody) {
            Files.delete(socket);
        }
    }

    private void shareWithGroup(Path socket, ApiServer.ApiLog log) throws IOException {
        try {
            GroupPrincipal g = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(g);
        } catch (UserPrincipalNotFoundException e) {
            log.debug("no group " + group + ": the socket is root's only");
        }
    }

    private static List<DaemonService> startServices(Engine engine, Path state, ApiServer.ApiLog log) throws Exception {
        List<DaemonService> started = new ArrayList<>();
        List<DaemonService> services = ServiceLoader.load(DaemonService.class).stream()
                .map(ServiceLoader.Provider::get).filter(s -> s.chapter() <= Chapters.upTo())
                .sorted(Comparator.comparingInt(DaemonService::chapter)).toList();
        for (DaemonService s : services) {
            s.start(engine, state, log);
            started.add(s);
        }
        return started;
    }

    private static ApiServer.ApiLog.Level level(String name) {
        try {
            return ApiServer.ApiLog.Level.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-level " + name + ": one of debug, info, warn, error");
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String number() {
            String v = Jockerd.class.getPackage().getImplementationVersion();
            return v != null ? v : "(development build)";
        }

        @Override
        public String[] getVersion() {
            return new String[] {"jockerd " + number() + ", Engine API " + ApiVersions.CURRENT};
        }
    }
}
