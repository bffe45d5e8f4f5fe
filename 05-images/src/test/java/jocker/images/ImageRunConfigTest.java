package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jocker.course.Await;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import jocker.engine.ContainerSummary;
import jocker.engine.CreateRequest;
import jocker.unionfs.ContainerLayers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container runs as its image says: the image's {@code User}, {@code Env},
 * {@code WorkingDir}, {@code Entrypoint}, {@code Cmd} and {@code StopSignal},
 * and what {@code run} says over them. Each check is what the kernel shows
 * the process: {@code /proc/self/status}, {@code pwd}, {@code env}.
 */
@RequiresRoot("containers need root")
@Timeout(120)
@DisplayName("Running an image's config")
class ImageRunConfigTest {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            app:x:1000:1000:The app:/home/app:/bin/sh
            web:x:33:33:www:/var/www:/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            app:x:1000:
            staff:x:50:web,app
            audio:x:29:app
            www-data:x:33:
            """;
    static final String PROBE = "grep -E '^(Uid|Gid|Groups):' /proc/self/status; pwd; env | sort";

    @TempDir
    Path state;
    UserImages box;

    @BeforeEach
    void setUp() {
        box = new UserImages(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        box.close();
    }

    /** An image whose config runs {@code sh -c PROBE} as user app in /srv/app, with its own GREETING. */
    LocalImages.Image appImage() throws Exception {
        return box.image("test/user:1", UserImages.config("app", List.of("PATH=/bin:/usr/bin", "GREETING=image"),
                List.of("sh", "-c"), List.of(PROBE), "/srv/app", null), tree -> {
                    UserImages.accounts(tree, PASSWD, GROUP);
                    Files.createDirectories(tree.resolve("srv/app"));
                    Files.createDirectories(tree.resolve("home/app"));
                });
    }

    /** The numbers of a {@code /proc/self/status} line, such as {@code Uid:	1000	1000	1000	1000}. */
    static List<String> status(String out, String field) {
        return out.lines().filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> Arrays.stream(l.substring(field.length() + 1).trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList())
                .orElseThrow(() -> new AssertionError("no " + field + " line in: " + out));
    }

    @Test
    @Graded(exercise = "5.9", points = 3)
    @DisplayName("a container runs as the image's User, with its groups, Env, HOME and WorkingDir")
    void runsAsTheImageSays() throws Exception {
        appImage();

        UserImages.Run run = box.run(UserImages.request("test/user:1", List.of()));

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(status(run.out(), "Uid")).as("real, effective, saved, fs UID").containsOnly("1000");
        assertThat(status(run.out(), "Gid")).containsOnly("1000");
        assertThat(status(run.out(), "Groups")).as("the groups that list app").containsExactlyInAnyOrder("29", "50");
        assertThat(run.out()).contains("\n/srv/app\n")
                .contains("\nGREETING=image\n", "\nHOME=/home/app\n", "\nPATH=/bin:/usr/bin\n");
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("-u, -e, -w and a command override the image's User, Env, WorkingDir and Cmd")
    void runOptionsOverride() throws Exception {
        appImage();
        CreateRequest request = UserImages.request("test/user:1", List.of(PROBE), "GREETING=cli", "HOME=/elsewhere");
        request = new CreateRequest(request.image(), request.command(), null, null, request.env(), "/tmp", false)
                .with(new ImageOverrides(null, "web"));

        UserImages.Run run = box.run(request);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(status(run.out(), "Uid")).containsOnly("33");
        assertThat(status(run.out(), "Gid")).containsOnly("33");
        assertThat(status(run.out(), "Groups")).containsExactly("50");
        assertThat(run.out()).contains("\n/tmp\n", "\nGREETING=cli\n", "\nHOME=/elsewhere\n")
                .doesNotContain("GREETING=image");

        UserImages.Run numeric = box.run(UserImages.request("test/user:1", List.of(PROBE))
                .with(new ImageOverrides(null, "4242:staff")));
        assertThat(status(numeric.out(), "Uid")).containsOnly("4242");
        assertThat(status(numeric.out(), "Gid")).containsOnly("50");
        assertThat(status(numeric.out(), "Groups")).as("an explicit group: no supplementary ones").isEmpty();
        assertThat(numeric.out()).contains("\nHOME=/\n");
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("--entrypoint replaces the image's Entrypoint and drops its Cmd; --entrypoint \"\" clears it")
    void entrypointOverride() throws Exception {
        box.image("test/entry:1", UserImages.config("app", null, List.of("echo", "from-entrypoint"),
                List.of("from-cmd"), null, null), tree -> UserImages.accounts(tree, PASSWD, GROUP));

        assertThat(box.run(UserImages.request("test/entry:1", List.of())).out())
                .isEqualTo("from-entrypoint from-cmd\n");
        assertThat(box.run(UserImages.request("test/entry:1", List.of("given"))).out())
                .as("a command replaces Cmd only").isEqualTo("from-entrypoint given\n");
        assertThat(box.run(UserImages.request("test/entry:1", List.of("-c", "id -u"))
                .with(new ImageOverrides(List.of("sh"), null))).out()).isEqualTo("1000\n");
        assertThat(box.run(UserImages.request("test/entry:1", List.of("id", "-u"))
                .with(new ImageOverrides(List.of(), null))).out()).isEqualTo("1000\n");
    }

    @Test
    @Graded(exercise = "5.9", points = 1)
    @DisplayName("a user the image does not have fails with Docker's message, and leaves no container")
    void unknownUser() throws Exception {
        appImage();

        assertThatThrownBy(() -> box.run(UserImages.request("test/user:1", List.of("true"))
                .with(new ImageOverrides(null, "nosuch"))))
                .hasMessageContaining("unable to find user nosuch: no matching entries in passwd file");
        assertThat(box.containers()).isZero();
        assertThat(state.resolve("containers")).isDirectoryNotContaining(Files::isDirectory);
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("an /etc/passwd that links out of the image is read inside the image, never the host's file")
    void passwdLinkStaysInTheImage() throws Exception {
        Path host = Files.createDirectories(state.resolve("host"));
        Path hostPasswd = Files.writeString(host.resolve("passwd"), "app:x:4242:4242::/:/bin/sh\n");
        String inside = hostPasswd.toString().substring(1); // the same path, in the image's tree
        String escape = "../".repeat(30) + inside;
        for (String target : List.of(hostPasswd.toString(), escape)) {
            String name = "test/link:" + (target.startsWith("/") ? "absolute" : "relative");
            box.image(name, UserImages.config("app", null, null, List.of("id", "-u"), null, null), tree -> {
                Files.createDirectories(tree.resolve(inside).getParent());
                Files.writeString(tree.resolve(inside), "app:x:1111:1111::/:/bin/sh\n");
                Files.createDirectories(tree.resolve("etc"));
                Files.createSymbolicLink(tree.resolve("etc/passwd"), Path.of(target));
            });

            UserImages.Run run = box.run(UserImages.request(name, List.of()));

            assertThat(run.out()).as(target + ": the image's file, not the host's").isEqualTo("1111\n");
        }
        box.image("test/link:host-only", UserImages.config("app", null, null, List.of("id", "-u"), null, null),
                tree -> {
                    Files.createDirectories(tree.resolve("etc"));
                    Files.createSymbolicLink(tree.resolve("etc/passwd"), Path.of(escape));
                });
        assertThatThrownBy(() -> box.run(UserImages.request("test/link:host-only", List.of())))
                .as("the link's target exists only on the host").hasMessageContaining("unable to find user app");
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("stop sends the image's StopSignal first: a trap on SIGUSR1 runs, the container exits by itself")
    void stopSignal() throws Exception {
        box.image("test/stop:1", UserImages.config("app", null, null, List.of("sh", "-c",
                "trap 'echo caught USR1; exit 7' USR1; touch /tmp/ready; while :; do sleep 0.1; done"),
                null, "SIGUSR1"), tree -> UserImages.accounts(tree, PASSWD, GROUP));
        ContainerState s = box.engine.create(UserImages.request("test/stop:1", List.of()));
        box.engine.startDetached(s.id());
        Path ready = ContainerLayers.upper(box.engine.store(), s.id()).resolve("tmp/ready");
        Await.until(Duration.ofSeconds(20), () -> ready + ", written by the container", () -> Files.exists(ready));

        Instant before = Instant.now();
        ContainerState stopped = box.engine.stop(s.id(), Duration.ofSeconds(30));

        assertThat(Duration.between(before, Instant.now())).as("it ended before SIGKILL's timeout")
                .isLessThan(Duration.ofSeconds(25));
        assertThat(stopped.exitCode()).as("the trap's exit status, not 137 of SIGKILL").isEqualTo(7);
        assertThat(box.engine.store().log(s.id())).content().contains("caught USR1");
    }

    @Test
    @Graded(exercise = "5.9", points = 1)
    @DisplayName("ps shows the command that runs, Entrypoint and Cmd; inspect shows the image's ID and the config")
    @SuppressWarnings("unchecked")
    void psAndInspect() throws Exception {
        LocalImages.Image image = box.image("test/entry:1", UserImages.config("app", List.of("GREETING=image"),
                List.of("echo", "from-entrypoint"), List.of("from-cmd"), "/tmp", null),
                tree -> UserImages.accounts(tree, PASSWD, GROUP));
        UserImages.Run run = box.run(UserImages.request("test/entry:1", List.of()));

        ContainerSummary summary = box.engine.list(true).get(0);
        assertThat(summary.command()).containsExactly("echo", "from-entrypoint", "from-cmd");
        Map<String, Object> doc = box.engine.inspect(run.state().id());
        Map<String, Object> config = (Map<String, Object>) doc.get("Config");
        assertThat(doc.get("Image")).isEqualTo(image.id().toString());
        assertThat(config).containsEntry("Image", "test/entry:1")
                .containsEntry("Entrypoint", List.of("echo", "from-entrypoint"))
                .containsEntry("Cmd", List.of("from-cmd"))
                .containsEntry("User", "app")
                .containsEntry("WorkingDir", "/tmp");
        assertThat((List<String>) config.get("Env")).contains("GREETING=image", "HOME=/home/app");
    }
}
