package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jocker.course.RequiresRoot;
import jocker.registry.auth.Access;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials of {@code docker login} reach the registry through
 * jockerd: the CLI keeps them and sends them with each push and pull in
 * {@code X-Registry-Auth}; jockerd answers the registry's challenge with
 * them, and keeps none itself.
 */
@RequiresRoot("jockerd's store holds files of every owner")
@Timeout(300)
@DisplayName("docker login, then push and pull through jockerd to a registry with basic auth")
class DockerRegistryAuthTest {

    @TempDir
    Path tmp;

    private Registries.Registry registry;
    private Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        Jockerd.assumeDockerCli();
        Jockerd.assumeOnPath("htpasswd", "install Debian's apache2-utils");
        Path htpasswd = tmp.resolve("htpasswd");
        Process p = new ProcessBuilder("htpasswd", "-Bbn", "alice", "s3cret").start();
        Files.write(htpasswd, p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        registry = Registries.jocker(tmp.resolve("registry"), new Access.Options(htpasswd, null, null));
        daemon = Jockerd.start(tmp.resolve("d"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, registry}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @DisplayName("push is refused before login, succeeds after it; pull after rmi too; refused again after logout")
    void loginPushPull() throws Exception {
        String image = registry.host() + "/lib/private:1";
        assertThat(daemon.docker("tag", "busybox", image).exit()).isZero();

        Jockerd.Result anonymous = daemon.docker("push", image);
        assertThat(anonymous.exit()).as("%s", anonymous).isNotZero();
        assertThat(anonymous.err()).as("%s", anonymous).containsIgnoringCase("unauthorized");

        Jockerd.Result login = daemon.docker("login", "-u", "alice", "-p", "s3cret", registry.host());
        assertThat(login.exit()).as("%s", login).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        Jockerd.Result pushed = daemon.docker("push", image);
        assertThat(pushed.exit()).as("%s\njockerd's log:\n%s", pushed, daemon.log()).isZero();
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(Registries.send("HEAD", "http://" + registry.host() + "/v2/lib/private/manifests/1", basic)
                .statusCode()).isEqualTo(200);

        assertThat(daemon.docker("rmi", image).exit()).isZero();
        Jockerd.Result pulled = daemon.docker("pull", image);
        assertThat(pulled.exit()).as("%s", pulled).isZero();

        assertThat(daemon.docker("logout", registry.host()).exit()).isZero();
        assertThat(daemon.docker("rmi", image).exit()).isZero();
        Jockerd.Result refused = daemon.docker("pull", image);
        assertThat(refused.exit()).as("%s", refused).isNotZero();
        assertThat(refused.err()).as("%s", refused).containsIgnoringCase("unauthorized");
    }
}
