package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The chapter's commands as a user types them. */
@RequiresRoot("containers and overlay mounts need root")
@Timeout(180)
@DisplayName("jocker diff, commit, images")
class UnionCliTest {

    @TempDir
    Path root;

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(root);
    }

    @AfterEach
    void removeContainers() throws Exception {
        JockerCommand.run(root, "rm", "-f", "c1");
    }

    @Test
    @Graded(exercise = "4.8", points = 2)
    @DisplayName("run, diff, commit, run the new image: the chapter's walk-through")
    void walkThrough() throws Exception {
        JockerCommand run = JockerCommand.run(root, "run", "--name", "c1", "busybox", "sh", "-c",
                "rm /bin/ls; echo hi > /hello");
        assertThat(run.status()).as(run.err()).isZero();

        JockerCommand diff = JockerCommand.run(root, "diff", "c1");
        assertThat(diff.out()).isEqualTo("C /bin\nD /bin/ls\nA /hello\n");

        JockerCommand commit = JockerCommand.run(root, "commit", "c1", "mine");
        assertThat(commit.status()).as(commit.err()).isZero();
        assertThat(commit.out()).matches("sha256:[0-9a-f]{64}\n");

        JockerCommand again = JockerCommand.run(root, "run", "--rm", "mine", "cat", "/hello");
        assertThat(again.out()).isEqualTo("hi\n");

        JockerCommand images = JockerCommand.run(root, "images");
        assertThat(images.out()).containsPattern("(?m)^busybox +latest +1 ").containsPattern("(?m)^mine +latest +2 ");
    }

    @Test
    @DisplayName("--chapter 3 leaves chapter 4 out of the engine: the container gets a copy of the files, no upper layer")
    void chapterThreeCopies() throws Exception {
        JockerCommand run = JockerCommand.run(root, "--chapter", "3", "run", "--name", "c1", "busybox", "true");
        assertThat(run.status()).as(run.err()).isZero();

        Path dir;
        try (Stream<Path> dirs = Files.list(root.resolve("containers"))) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow(); // not the store's .lock
        }
        assertThat(dir.resolve("bundle/rootfs/bin/busybox")).isRegularFile();
        assertThat(dir.resolve("upper")).doesNotExist();
        assertThat(JockerCommand.run(root, "diff", "c1").err()).contains("has no layers");
    }

    @Test
    @DisplayName("bad input gets a clear error: unknown container, malformed image name, unknown image")
    void clearErrors() throws Exception {
        JockerCommand diff = JockerCommand.run(root, "diff", "nosuch");
        assertThat(diff.status()).isNotZero();
        assertThat(diff.err()).contains("nosuch");

        JockerCommand.run(root, "run", "--name", "c1", "busybox", "true");
        JockerCommand commit = JockerCommand.run(root, "commit", "c1", "Bad Name");
        assertThat(commit.status()).isNotZero();
        assertThat(commit.err()).contains("invalid image reference 'Bad Name'");

        JockerCommand run = JockerCommand.run(root, "run", "--rm", "nosuchimage", "true");
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("image 'nosuchimage' not found");
    }
}
