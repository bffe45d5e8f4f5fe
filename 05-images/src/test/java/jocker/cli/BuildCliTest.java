package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jocker build} as a user types it: the walk-through. */
@RequiresRoot("RUN steps are containers, on overlay mounts")
@Timeout(240)
@DisplayName("jocker build (command line)")
class BuildCliTest {

    @TempDir
    Path dir;

    @AfterEach
    void removeContainers() throws Exception {
        JockerCommand.removeAll(dir.resolve("state"));
    }

    @Test
    @DisplayName("build -t hello, run --rm hello prints what CMD prints; a second build uses the cache for every step")
    void buildRunRebuild() throws Exception {
        Path root = dir.resolve("state");
        TestRootfs.createImage(root);
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("name.txt"), "jocker\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox
                ENV GREETING=Hello
                WORKDIR /app
                COPY name.txt .
                RUN echo "$GREETING, $(cat name.txt)!" > message
                CMD ["cat", "message"]
                """);

        JockerCommand build = JockerCommand.run(root, "build", "-t", "hello", context.toString());
        assertThat(build.status()).as(build.err()).isZero();
        assertThat(build.out()).contains("Step 6/6 : CMD [\"cat\", \"message\"]", "Successfully tagged hello:latest");

        JockerCommand run = JockerCommand.run(root, "run", "--rm", "hello");
        assertThat(run.out()).isEqualTo("Hello, jocker!\n");

        JockerCommand again = JockerCommand.run(root, "build", "-q", "-t", "hello", context.toString());
        JockerCommand cached = JockerCommand.run(root, "build", "-t", "hello", context.toString());
        assertThat(cached.out().lines().filter(" ---> Using cache"::equals).count()).as(cached.out()).isEqualTo(5);
        assertThat(cached.out()).contains("Successfully built " + again.out().strip().substring(7, 19));
    }
}
