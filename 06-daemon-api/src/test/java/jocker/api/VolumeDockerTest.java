package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker volume …}, the real docker CLI through jockerd. */
@RequiresRoot("jockerd manages containers")
@Timeout(300)
@DisplayName("docker volume through jockerd")
class VolumeDockerTest {

    @TempDir
    static Path dir;

    private static Jockerd daemon;

    @BeforeAll
    static void start() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(dir);
        daemon.assertServerIsJocker();
        TestRootfs.createImage(daemon.root());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            JockerCommand.removeAll(daemon.root());
            daemon.close();
        }
    }

    @Test
    @DisplayName("create, ls, inspect, rm: the CLI prints what Docker's prints, the files are where inspect says")
    void lifecycle() throws Exception {
        Jockerd.Result created = daemon.docker("volume", "create", "--label", "tier=db", "pgdata");
        assertThat(created.exit()).as("%s", created).isZero();
        assertThat(created.out()).isEqualTo("pgdata\n");

        Jockerd.Result ls = daemon.docker("volume", "ls");
        assertThat(ls.out()).as("%s", ls).containsPattern("(?m)^DRIVER +VOLUME NAME\\n")
                .containsPattern("(?m)^local +pgdata$");
        assertThat(daemon.docker("volume", "ls", "-q", "--filter", "label=tier=db").out()).isEqualTo("pgdata\n");
        assertThat(daemon.docker("volume", "ls", "-q", "--filter", "label=tier=web").out()).isEmpty();

        Jockerd.Result inspect = daemon.docker("volume", "inspect", "pgdata");
        JsonNode doc = new ObjectMapper().readTree(inspect.out()).get(0);
        assertThat(doc.get("Name").asText()).isEqualTo("pgdata");
        assertThat(doc.get("Driver").asText()).isEqualTo("local");
        assertThat(doc.get("Scope").asText()).isEqualTo("local");
        assertThat(doc.get("Labels").get("tier").asText()).isEqualTo("db");
        Path mountpoint = Path.of(doc.get("Mountpoint").asText());
        assertThat(mountpoint).isEqualTo(daemon.root().resolve("volumes/pgdata/_data")).isDirectory();
        assertThat(daemon.docker("volume", "inspect", "--format", "{{.Mountpoint}}", "pgdata").out().strip())
                .isEqualTo(mountpoint.toString());

        Jockerd.Result rm = daemon.docker("volume", "rm", "pgdata");
        assertThat(rm.out()).as("%s", rm).isEqualTo("pgdata\n");
        assertThat(mountpoint.getParent()).doesNotExist();
        Jockerd.Result gone = daemon.docker("volume", "inspect", "pgdata");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).containsIgnoringCase("no such volume"); // CLI 20.10 says "Error: No such volume"
    }

    @Test
    @DisplayName("a volume that a container uses is refused to docker volume rm and kept by prune")
    void inUse() throws Exception {
        JockerCommand made = JockerCommand.run(daemon.root(), "run", "--name", "user", "-v", "shared:/s",
                "busybox", "sh", "-c", "echo kept > /s/f");
        assertThat(made.status()).as(made.err()).isZero();
        daemon.docker("volume", "create", "unused");
        Jockerd.Result refused = daemon.docker("volume", "rm", "shared");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Error response from daemon: remove shared: volume is in use - [");

        Jockerd.Result prune = daemon.docker("volume", "prune", "-f");
        assertThat(prune.exit()).as("%s", prune).isZero();
        assertThat(prune.out()).contains("unused").doesNotContain("shared");
        assertThat(daemon.root().resolve("volumes/shared/_data/f")).hasContent("kept");
        assertThat(daemon.root().resolve("volumes/unused")).doesNotExist();

        assertThat(JockerCommand.run(daemon.root(), "rm", "user").status()).isZero();
        assertThat(daemon.docker("volume", "rm", "shared").exit()).isZero();
        assertThat(Files.exists(daemon.root().resolve("volumes/shared"))).isFalse();
    }
}
