package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check, with the real CLI: {@code jocker push} to a registry
 * that wants credentials is refused with 401 until {@code jocker login};
 * then it succeeds, with Basic and with bearer tokens.
 */
@RequiresRoot("the image store keeps layer files of every owner")
@Timeout(240)
@DisplayName("jocker push is refused without login and succeeds after it")
class JockerPushLoginTest {

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    private Result jocker(String stdin, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "jocker.cli.Jocker", "--root", tmp.resolve("root")
                        .toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JOCKER_CONFIG", tmp.resolve("config").toString());
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
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("jocker " + String.join(" ", args) + " still running after 90 s");
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
    @DisplayName("push: 401 and a hint to log in; login; push again: the manifest is there (Basic, then tokens)")
    void pushAfterLogin() throws Exception {
        Path users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(rootfs.resolve("hello.txt"), "hello, registry\n");
        Path tar = tmp.resolve("rootfs.tar");
        HostCommand.run("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "hello.txt");
        Result imported = jocker(null, "import", tar.toString(), "hello:1");
        assertThat(imported.exit()).as("%s", imported).isZero();

        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                String name = registry.host() + "/lib/hello:1";
                assertThat(jocker(null, "tag", "hello:1", name).exit()).isZero();

                Result refused = jocker(null, "push", name);
                assertThat(refused.exit()).as("token flow %s: %s", token, refused).isNotZero();
                assertThat(refused.err()).contains("jocker login " + registry.host());

                Result login = jocker("s3cret\n", "login", registry.host(), "-u", "alice", "--password-stdin");
                assertThat(login.exit()).as("%s", login).isZero();
                Result push = jocker(null, "push", name);
                assertThat(push.exit()).as("token flow %s: %s", token, push).isZero();
                assertThat(push.out()).containsPattern("1: digest: sha256:[0-9a-f]{64}");
                assertThat(jocker(null, "logout", registry.host()).exit()).isZero();
            }
        }
    }
}
