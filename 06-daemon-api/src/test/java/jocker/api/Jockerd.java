package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jocker.course.Await;
import jocker.engine.ContainerState;
import jocker.engine.Engine;
import jocker.engine.Stopper;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: a real {@code jockerd} in a JVM of its own, on a temporary
 * state directory and socket, and the real {@code docker} CLI pointed at it.
 * {@link #close()} stops the daemon and removes every container, mount and
 * file it made, also after a failed test.
 */
public final class Jockerd implements AutoCloseable {

    /** How long one docker command may take before the test fails as hung. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path root;
    private final Path socket;
    private final Path log;
    private Process daemon;

    private Jockerd(Path dir) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.socket = dir.resolve("jocker.sock");
        this.log = dir.resolve("jockerd.log");
    }

    /** Starts a daemon whose state and socket are under {@code dir} (a test's temporary directory). */
    public static Jockerd start(Path dir) throws Exception {
        Jockerd d = new Jockerd(dir);
        d.launch();
        return d;
    }

    /** The docker CLI must be on PATH: otherwise the test is skipped, saying why. */
    public static void assumeDockerCli() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "docker")));
        Assumptions.assumeTrue(found, "no docker CLI on PATH: install Debian's docker.io (its dockerd need not run)");
    }

    /** Starts the daemon (again, after {@link #kill9()} or {@link #stop()}). */
    public void launch() throws Exception {
        Files.createDirectories(root);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "jocker.daemon.Jockerd",
                "--root", root.toString(), "--host", host(), "--log-level", "debug"));
        daemon = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Await.until(Duration.ofSeconds(30), () -> "jockerd listening on " + socket + "; its log:\n" + log(),
                () -> {
                    if (!daemon.isAlive()) {
                        throw new IllegalStateException("jockerd exited with " + daemon.exitValue() + ":\n" + log());
                    }
                    return answers();
                });
    }

    private boolean answers() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path root() {
        return root;
    }

    public Path socket() {
        return socket;
    }

    /** {@code unix:///…/jocker.sock}, for DOCKER_HOST and {@code jocker -H}. */
    public String host() {
        return "unix://" + socket;
    }

    public long pid() {
        return daemon.pid();
    }

    public Process process() {
        return daemon;
    }

    /** What the daemon logged so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What a command printed and how it ended. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs the real docker CLI against this daemon. */
    public Result docker(String... args) throws Exception {
        return dockerWithInput(null, args);
    }

    /** Runs the real docker CLI against this daemon with {@code stdin} on its standard input. */
    public Result dockerWithInput(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        return run(cmd, stdin);
    }

    /** Runs a command with DOCKER_HOST set to this daemon, a private docker config, and no BuildKit. */
    public Result run(List<String> cmd, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        environment(pb.environment());
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
                    + " s; jockerd's log:\n" + tail(log(), 40));
        }
        return new Result(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    /** DOCKER_HOST, a docker config of the test's own (no ~/.docker), the classic builder. */
    public void environment(Map<String, String> env) {
        env.put("DOCKER_HOST", host());
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        env.put("DOCKER_BUILDKIT", "0");
        env.remove("DOCKER_CONTEXT");
        env.remove("DOCKER_TLS_VERIFY");
    }

    /** Fails unless {@code docker version} says Jocker answers: the tests never talk to a dockerd. */
    public void assertServerIsJocker() throws Exception {
        Result r = docker("version", "--format", "{{.Server.Platform.Name}}");
        assertThat(r.exit()).as("docker version: %s", r).isZero();
        assertThat(r.out().strip()).as("the server answering").isEqualTo(SystemRoutes.PLATFORM);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return ("(" + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** SIGKILL: the daemon gets no chance to clean up, as after a crash. */
    public void kill9() throws InterruptedException {
        daemon.destroyForcibly();
        daemon.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an administrator stops it; waits for the exit. */
    public int stop() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor();
        }
        return daemon.exitValue();
    }

    /** Stops the daemon, then removes every container it left (killing what runs), and the directory. */
    @Override
    public void close() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            stop();
        }
        if (Files.isDirectory(root.resolve("containers"))) {
            Engine engine = new Engine(root);
            for (ContainerState s : engine.store().list()) {
                s.process().ifPresent(p -> p.destroyForcibly());
            }
            awaitShims();
            for (ContainerState s : engine.store().list()) {
                try {
                    s.process().ifPresent(p -> {
                        p.destroyForcibly();
                        Stopper.awaitExit(p, Duration.ofSeconds(10));
                    });
                    engine.remove(s.id(), true);
                } catch (Exception e) {
                    System.err.println("cleanup of container " + s.id() + ": " + e);
                }
            }
        }
        awaitShims();
        unmountUnder(dir);
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(dir);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException busy) {
                if (attempt == 20) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits (20 s at most) until the container monitor of this state directory has exited: it records each end. */
    private void awaitShims() throws Exception {
        Shims.awaitNone(root);
    }

    /** Anything still mounted below {@code dir} (a layer, a volume) is unmounted, deepest first. */
    static void unmountUnder(Path dir) throws Exception {
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String point = line.split(" ")[4];
            if (point.startsWith(dir.toString() + "/")) {
                mounts.add(point);
            }
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
