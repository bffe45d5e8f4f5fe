package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jocker.course.Await;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker login} through jockerd ({@code POST /auth}) against the
 * Jocker registry, with Basic and with bearer tokens: the real docker CLI,
 * a real jockerd in a JVM of its own, the registry in the test's JVM.
 */
@RequiresRoot("jockerd makes namespaces, mounts and cgroups: it starts only as root")
@Timeout(180)
@DisplayName("docker login through jockerd")
class DockerLoginTest {

    @TempDir
    Path tmp;

    private Process daemon;
    private Path socket;

    @BeforeEach
    void startDaemon() throws Exception {
        Assumptions.assumeTrue(RegistryAuthFixtures.onPath("docker"), "no docker CLI on PATH: install docker.io");
        socket = tmp.resolve("jocker.sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        daemon = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "jocker.daemon.Jockerd", "--root", tmp.resolve("root").toString(), "--host", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("jockerd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Await.until(Duration.ofSeconds(30), () -> "jockerd listening on " + socket + "; its log:\n" + log(), () -> {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("jockerd exited: " + log());
            }
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("jockerd.log"));
        } catch (IOException e) {
            return "(none)";
        }
    }

    record Result(int exit, String out, String err) {
    }

    /** The docker CLI, pointed at the daemon, with a docker config of the test's own, the password on stdin. */
    private Result docker(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("docker " + String.join(" ", args) + " still running after 60 s; jockerd:\n"
                    + log());
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    @DisplayName("a wrong password: 'unauthorized', nothing stored; the right one: Login Succeeded, "
            + "stored by the CLI (Basic, then bearer tokens)")
    void login() throws Exception {
        Path users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                String host = registry.host();
                Result wrong = docker("nope\n", "login", host, "-u", "alice", "--password-stdin");
                assertThat(wrong.exit()).as("token flow %s: %s", token, wrong).isEqualTo(1);
                assertThat(wrong.err()).contains("Error response from daemon", "unauthorized: ");

                Result ok = docker("s3cret\n", "login", host, "-u", "alice", "--password-stdin");
                assertThat(ok.exit()).as("token flow %s: %s", token, ok).isZero();
                assertThat(ok.out()).contains("Login Succeeded");
                Path config = tmp.resolve("docker-config/config.json");
                assertThat(new ObjectMapper().readTree(config.toFile()).path("auths").has(host)).isTrue();
                assertThat(docker("", "logout", host).out()).contains("Removing login credentials for " + host);
            }
        }
    }

    @Test
    @DisplayName("docker push through jockerd: refused before docker login, done after it (X-Registry-Auth)")
    void pushAfterLogin() throws Exception {
        Path users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(rootfs.resolve("hello.txt"), "hello, registry\n");
        Path tar = tmp.resolve("rootfs.tar");
        HostCommand.run("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "hello.txt");
        Result imported = docker("", "import", tar.toString(), "hello:1");
        assertThat(imported.exit()).as("%s", imported).isZero();
        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                String name = registry.host() + "/lib/hello:1";
                assertThat(docker("", "tag", "hello:1", name).exit()).isZero();
                Result refused = docker("", "push", name);
                assertThat(refused.exit()).as("token flow %s: %s", token, refused).isNotZero();
                assertThat(refused.out() + refused.err()).containsIgnoringCase("unauthorized");

                assertThat(docker("s3cret\n", "login", registry.host(), "-u", "alice", "--password-stdin").exit())
                        .isZero();
                Result push = docker("", "push", name);
                assertThat(push.exit()).as("token flow %s: %s", token, push).isZero();
                assertThat(push.out()).containsPattern("1: digest: sha256:[0-9a-f]{64}");
            }
        }
    }
}
