package jocker.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.Assumptions;

/**
 * Test support, chapter 6's fixture cut down to what pull and push need: a
 * real {@code jockerd} in a JVM of its own, on a temporary state directory
 * and socket, and the real {@code docker} CLI (or {@code jocker -H})
 * pointed at it.
 * {@link #close()} stops the daemon and removes what it made.
 */
final class Jockerd implements AutoCloseable {

    /** How long one docker command may take before the test fails as hung. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Path root;
    private final Path socket;
    private final Path log;
    private final Process daemon;

    private Jockerd(Path dir, Process daemon) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.socket = dir.resolve("jocker.sock");
        this.log = dir.resolve("jockerd.log");
        this.daemon = daemon;
    }

    /** Starts a daemon whose state and socket are under {@code dir}, with jockerd's {@code flags}. */
    static Jockerd start(Path dir, String... flags) throws Exception {
        Files.createDirectories(dir.resolve("root"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "jocker.daemon.Jockerd",
                "--root", dir.resolve("root").toString(), "--host", "unix://" + dir.resolve("jocker.sock"),
                "--log-level", "debug"));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("jockerd.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Jockerd d = new Jockerd(dir, p);
        try {
            Await.until(Duration.ofSeconds(30), () -> "jockerd listening on " + d.socket + "; its log:\n" + d.log(),
                    () -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("jockerd exited with " + p.exitValue() + ":\n" + d.log());
                        }
                        return d.answers();
                    });
        } catch (Exception | AssertionError e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** The docker CLI must be on PATH: otherwise the test is skipped, saying why. */
    static void assumeDockerCli() {
        assumeOnPath("docker", "install Debian's docker.io (its dockerd need not run)");
    }

    /** {@code command} must be on PATH: otherwise the test is skipped, saying why. */
    static void assumeOnPath(String command, String hint) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, command)));
        Assumptions.assumeTrue(found, "no " + command + " on PATH: " + hint);
    }

    private boolean answers() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path root() {
        return root;
    }

    /** What the daemon logged so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs the real docker CLI against this daemon, with DOCKER_HOST and a docker config of the test's own. */
    Result docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** Runs {@code jocker -H} this daemon {@code args}, in a JVM of its own, with a config of the test's own. */
    Result jocker(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "jocker.cli.Jocker", "-H", "unix://" + socket));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private Result exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("DOCKER_HOST", "unix://" + socket);
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        env.put("JOCKER_CONFIG", dir.resolve("jocker-config").toString());
        env.remove("JOCKER_HOST");
        env.remove("DOCKER_CONTEXT");
        env.remove("DOCKER_TLS_VERIFY");
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
                    + " s; jockerd's log:\n" + log());
        }
        return new Result(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
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

    /** Stops the daemon (SIGTERM), removes the containers it left, unmounts and deletes {@code dir}. */
    @Override
    public void close() throws Exception {
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor();
        }
        if (Files.isDirectory(root.resolve("containers"))) {
            Engine engine = new Engine(root);
            for (ContainerState s : engine.store().list()) {
                try {
                    s.process().ifPresent(ProcessHandle::destroyForcibly);
                    engine.remove(s.id(), true);
                } catch (Exception e) {
                    System.err.println("cleanup of container " + s.id() + ": " + e);
                }
            }
        }
        // The container monitor's last words, and its exit: arguments read from /proc whole (ProcessHandle.Info cuts a long command line).
        Await.poll(Duration.ofSeconds(20), Duration.ofMillis(50), () -> ProcessHandle.allProcesses()
                .noneMatch(p -> arguments(p.pid()).contains(root.toString())));
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String point = line.split(" ")[4];
            if (point.startsWith(dir + "/")) {
                mounts.add(point);
            }
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Registries.deleteTree(dir);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException busy) { // the monitor wrote its last words meanwhile
                if (attempt == 20) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> arguments(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }
}
