package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jocker.distribution.DistributionRegistry;
import jocker.registry.auth.RegistryAuthFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jocker login} and {@code logout}, run as a user runs them (a JVM of
 * their own, {@code JOCKER_CONFIG} set), against the real distribution 2.8
 * with htpasswd auth.
 */
@Timeout(120)
@DisplayName("jocker login/logout against distribution 2.8 with htpasswd auth")
class LoginCommandTest {

    @TempDir
    Path tmp;

    private Path config;

    @BeforeEach
    void config() {
        DistributionRegistry.assumeInstalled();
        config = tmp.resolve("jocker-config");
    }

    record Result(int exit, String out, String err) {
    }

    /** {@code jocker ARGS} with {@code stdin} on its standard input and JOCKER_CONFIG pointing into the test. */
    private Result jocker(String stdin, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "jocker.cli.Jocker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JOCKER_CONFIG", config.toString());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("jocker " + String.join(" ", args) + " still running after 60 s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    @DisplayName("a wrong password: exit 1, 'unauthorized', nothing stored; the right one: 'Login Succeeded', "
            + "config.json 0600; logout removes it")
    void loginAndLogout() throws Exception {
        Path users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
        try (DistributionRegistry registry = DistributionRegistry.start(users)) {
            String host = registry.domain();
            Result wrong = jocker("nope\n", "login", host, "-u", "alice", "--password-stdin");
            assertThat(wrong.exit()).as("%s", wrong).isEqualTo(1);
            assertThat(wrong.err()).contains("Get \"http://" + host + "/v2/\": unauthorized: ");
            assertThat(config.resolve("config.json")).doesNotExist();

            Result ok = jocker("s3cret\n", "login", host, "-u", "alice", "--password-stdin");
            assertThat(ok.exit()).as("%s", ok).isZero();
            assertThat(ok.out()).contains("Login Succeeded");
            Path file = config.resolve("config.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String auth = new ObjectMapper().readTree(file.toFile()).path("auths").path(host).path("auth").asText();
            assertThat(new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8)).isEqualTo("alice:s3cret");

            Result out = jocker(null, "logout", host);
            assertThat(out.exit()).as("%s", out).isZero();
            assertThat(out.out()).contains("Removing login credentials for " + host);
            assertThat(new ObjectMapper().readTree(file.toFile()).path("auths").has(host)).isFalse();
            assertThat(jocker(null, "logout", host).out()).contains("Not logged in to " + host);
        }
    }

    @Test
    @DisplayName("-p works too, with Docker's warning; no password at all is refused, saying how to give one")
    void passwordOption() throws Exception {
        Path users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
        try (DistributionRegistry registry = DistributionRegistry.start(users)) {
            Result ok = jocker(null, "login", registry.domain(), "-u", "alice", "-p", "s3cret");
            assertThat(ok.exit()).as("%s", ok).isZero();
            assertThat(ok.err()).contains("--password-stdin");
            Result none = jocker(null, "login", registry.domain(), "-u", "alice");
            assertThat(none.exit()).as("%s", none).isNotZero();
            assertThat(none.err()).contains("password");
        }
    }
}
