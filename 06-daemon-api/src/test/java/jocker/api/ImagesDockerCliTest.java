package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image commands of the real docker CLI, through jockerd: what they
 * print and what they leave in the store, checked by running the images
 * with {@code jocker run} on the daemon's own state directory.
 */
@RequiresRoot("layers hold files of every owner; a build's RUN is a container")
@Timeout(300)
@DisplayName("docker images, build, save, load, import, commit through jockerd")
class ImagesDockerCliTest {

    @TempDir
    Path tmp;

    private Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(tmp.resolve("d"));
        daemon.assertServerIsJocker();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Jockerd.Result ok(String... args) throws Exception {
        Jockerd.Result r = daemon.docker(args);
        assertThat(r.exit()).as("docker %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    private String id(String image) throws Exception {
        return ok("image", "inspect", "--format", "{{.Id}}", image).out().strip();
    }

    @Test
    @DisplayName("tag, images (with a reference filter), image inspect, history, rmi: a name with a registry and port")
    void tagListInspectRemove() throws Exception {
        String busybox = id("busybox");
        assertThat(busybox).startsWith("sha256:");
        ok("tag", "busybox", "127.0.0.1:5000/lib/bb:1");
        assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").out())
                .contains("127.0.0.1:5000/lib/bb:1 " + busybox.substring(7, 19), "busybox:latest");
        assertThat(ok("images", "-q", "--no-trunc", "--filter", "reference=127.0.0.1:5000/lib/*").out().strip())
                .isEqualTo(busybox);
        assertThat(id("127.0.0.1:5000/lib/bb:1")).isEqualTo(busybox);
        assertThat(ok("history", "-q", "--no-trunc", "127.0.0.1:5000/lib/bb:1").out().lines().findFirst())
                .contains(busybox);

        assertThat(ok("rmi", "127.0.0.1:5000/lib/bb:1").out()).contains("Untagged: 127.0.0.1:5000/lib/bb:1");
        Jockerd.Result gone = daemon.docker("image", "inspect", "127.0.0.1:5000/lib/bb:1");
        assertThat(gone.exit()).as("%s", gone).isEqualTo(1);
        assertThat(gone.err()).contains("No such image");
        assertThat(id("busybox")).as("busybox keeps its own name").isEqualTo(busybox);
    }

    @Test
    @DisplayName("save -o, rmi, load -i, and save | load: the same image comes back, with its name")
    void saveAndLoad() throws Exception {
        ok("tag", "busybox", "lib/bb:1");
        String before = id("lib/bb:1");
        Path archive = tmp.resolve("bb.tar");
        ok("save", "-o", archive.toString(), "lib/bb:1");
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        ok("rmi", "lib/bb:1");
        assertThat(ok("load", "-i", archive.toString()).out()).contains("Loaded image: lib/bb:1");
        assertThat(id("lib/bb:1")).isEqualTo(before);

        ok("rmi", "lib/bb:1");
        Jockerd.Result piped = daemon.run(List.of("sh", "-c", "docker save busybox | docker load"), null);
        assertThat(piped.exit()).as("%s", piped).isZero();
        assertThat(piped.out()).contains("Loaded image: busybox:latest");
    }

    @Test
    @DisplayName("DOCKER_BUILDKIT=0 docker build: FROM, RUN, COPY, CMD; the steps print; the image runs as built")
    void build() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN echo run-output && echo built > /built\n"
                + "COPY hello.txt /hello.txt\nCMD [\"cat\", \"/hello.txt\", \"/built\"]\n");
        Files.writeString(context.resolve("hello.txt"), "hello from the context\n");
        Jockerd.Result build = ok("build", "-t", "built:1", context.toString());
        assertThat(build.out()).contains("Step 1/4 : FROM busybox", "run-output",
                "Step 3/4 : COPY hello.txt /hello.txt", "Successfully built", "Successfully tagged built:1");
        assertThat(ok("image", "inspect", "--format", "{{json .Config.Cmd}}", "built:1").out().strip())
                .isEqualTo("[\"cat\",\"/hello.txt\",\"/built\"]");

        JockerCommand run = JockerCommand.run(daemon.root(), "run", "--rm", "built:1");
        assertThat(run.status()).as("jocker run --rm built:1: %s", run).isZero();
        assertThat(run.out()).isEqualTo("hello from the context\nbuilt\n");
    }

    @Test
    @DisplayName("a build whose RUN fails: docker build prints the error and exits 1; no container stays")
    void buildFails() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile.elsewhere"), "FROM busybox\nRUN exit 3\n");
        Jockerd.Result build = daemon.docker("build", "-t", "broken:1", "-f", dockerfile.toString(),
                context.toString());
        assertThat(build.exit()).as("%s", build).isEqualTo(1);
        assertThat(build.out() + build.err()).contains("returned a non-zero code: 3");
        assertThat(daemon.docker("image", "inspect", "broken:1").exit()).isEqualTo(1);
        assertThat(JockerCommand.run(daemon.root(), "ps", "-a", "-q").out()).isBlank();
    }

    @Test
    @DisplayName("docker import -c CMD, and docker commit of a container: both images run")
    void importAndCommit() throws Exception {
        Path rootfs = TestRootfs.create(tmp.resolve("rootfs")).path();
        Files.writeString(rootfs.resolve("etc/motd"), "imported\n");
        Path tar = tmp.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        assertThat(ok("import", "-c", "CMD [\"cat\", \"/etc/motd\"]", tar.toString(), "imp:1").out().strip())
                .startsWith("sha256:");
        JockerCommand imported = JockerCommand.run(daemon.root(), "run", "--rm", "imp:1");
        assertThat(imported.out()).as("%s", imported).isEqualTo("imported\n");

        JockerCommand made = JockerCommand.run(daemon.root(), "run", "--name", "c1", "busybox", "sh", "-c",
                "echo committed > /c");
        assertThat(made.status()).as("%s", made).isZero();
        assertThat(ok("commit", "-c", "CMD [\"cat\", \"/c\"]", "-m", "by test", "c1", "com:1").out().strip())
                .startsWith("sha256:");
        assertThat(ok("image", "inspect", "--format", "{{.Comment}}", "com:1").out().strip()).isEqualTo("by test");
        JockerCommand committed = JockerCommand.run(daemon.root(), "run", "--rm", "com:1");
        assertThat(committed.out()).as("%s", committed).isEqualTo("committed\n");

        Jockerd.Result used = daemon.docker("rmi", "busybox");
        assertThat(used.exit()).as("rmi of an image a container uses: %s", used).isEqualTo(1);
        assertThat(used.err()).contains("container is using");
    }

    @Test
    @DisplayName("image prune removes an unnamed import; docker pull says that pulling is chapter 7's")
    void pruneAndPull() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("small/etc"));
        Files.writeString(rootfs.resolve("motd"), "x\n");
        Jockerd.Result imported = daemon.run(List.of("sh", "-c", "tar -C " + tmp.resolve("small")
                + " -c . | docker import -"), null);
        assertThat(imported.exit()).as("%s", imported).isZero();
        String id = imported.out().strip();
        assertThat(ok("images", "-q", "--no-trunc", "--filter", "dangling=true").out().strip()).isEqualTo(id);
        assertThat(ok("image", "prune", "-f").out()).contains(id, "Total reclaimed space");
        assertThat(ok("images", "-q", "--filter", "dangling=true").out()).isBlank();

        Jockerd.Result pull = daemon.docker("pull", "alpine");
        assertThat(pull.exit()).as("%s", pull).isEqualTo(1);
        assertThat(pull.err()).contains("chapter 7");
    }
}
