package jocker.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.images.LocalImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jocker build} end to end: Dockerfiles built into images of a
 * temporary store, then run as containers; the checks read what the
 * containers print and what the store holds.
 */
@RequiresRoot("RUN steps are containers, on overlay mounts")
@Timeout(300)
@DisplayName("jocker build")
class BuilderTest {

    private static final String HELLO = """
            FROM busybox
            ENV GREETING=hello
            WORKDIR /app
            COPY message.txt ./
            RUN echo "$GREETING, $(cat message.txt)" > greeting && chmod 600 greeting
            CMD ["sh", "-c", "pwd; cat greeting; stat -c %a greeting"]
            """;

    @TempDir
    Path dir;
    Builds builds;

    @BeforeEach
    void setUp() throws Exception {
        builds = new Builds(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        builds.close();
    }

    @Test
    @Graded(exercise = "5.8", points = 5)
    @DisplayName("FROM, ENV, WORKDIR, COPY, RUN, CMD build an image whose container prints what its CMD prints")
    void multiStepBuildRuns() throws Exception {
        builds.file("message.txt", "world\n");

        Builds.Result result = builds.build(HELLO, "hello");

        assertThat(result.error()).as(result.out()).isNull();
        assertThat(result.out()).contains("Step 1/6 : FROM busybox", "Step 6/6 : CMD", " ---> Running in ",
                "Successfully built " + result.image().id().shortHex(), "Successfully tagged hello:latest");
        Builds.Run run = builds.run("hello");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).as("pwd, the file RUN wrote with ENV's value and COPY's file, its mode")
                .isEqualTo("/app\nhello, world\n600\n");
        LocalImages.Image image = new LocalImages(builds.root).resolve("hello");
        assertThat(image.config().runConfig().env()).contains("GREETING=hello");
        assertThat(image.config().runConfig().workingDir()).isEqualTo("/app");
        assertThat(image.diffIds()).as("busybox, WORKDIR's directory, COPY's file, RUN's changes").hasSize(4);
    }

    @Test
    @Graded(exercise = "5.8", points = 4)
    @DisplayName("a second build of the same Dockerfile takes every step after FROM from the cache")
    void secondBuildIsCached() throws Exception {
        builds.file("message.txt", "world\n");
        Builds.Result first = builds.build(HELLO, "hello");
        assertThat(first.error()).as(first.out()).isNull();

        Builds.Result second = builds.build(HELLO, "hello");

        assertThat(second.error()).as(second.out()).isNull();
        assertThat(second.cached()).as(second.out()).isEqualTo(5);
        assertThat(second.out()).as("no container ran").doesNotContain("Running in");
        assertThat(second.image().id()).isEqualTo(first.image().id());
        assertThat(builds.run("hello").out()).isEqualTo("/app\nhello, world\n600\n");
    }

    @Test
    @Graded(exercise = "5.8", points = 4)
    @DisplayName("changing a copied file runs its COPY and every step after it again, and none before")
    void changedFileInvalidatesFromItsStep() throws Exception {
        String dockerfile = """
                FROM busybox
                RUN echo before > /before
                COPY data.txt /data.txt
                RUN cat /data.txt /before > /after
                CMD ["cat", "/after"]
                """;
        Path data = builds.file("data.txt", "version 1\n");
        Builds.Result first = builds.build(dockerfile);
        assertThat(first.error()).as(first.out()).isNull();
        Files.setLastModifiedTime(data, FileTime.from(Instant.now().plusSeconds(3600))); // touched: still cached
        assertThat(builds.build(dockerfile).cached()).isEqualTo(4);

        builds.file("data.txt", "version 2\n");
        Builds.Result second = builds.build(dockerfile);

        assertThat(second.error()).as(second.out()).isNull();
        assertThat(second.cached()).as(second.out()).isEqualTo(1);
        String afterStep2 = second.out().substring(second.out().indexOf("Step 2/5"), second.out().indexOf("Step 3/5"));
        assertThat(afterStep2).contains("Using cache");
        assertThat(second.out().substring(second.out().indexOf("Step 3/5"))).doesNotContain("Using cache");
        assertThat(second.image().id()).isNotEqualTo(first.image().id());
        assertThat(builds.run(second.image().id().toString()).out()).isEqualTo("version 2\nbefore\n");
    }

    @Test
    @Graded(exercise = "5.8", points = 4)
    @DisplayName("a multi-stage build copies from an earlier stage, by index and by name, and nothing else of it")
    void multiStageCopiesFromAnEarlierStage() throws Exception {
        Builds.Result result = builds.build("""
                FROM busybox AS build
                RUN mkdir /out && echo made-in-stage-0 > /out/result && chmod 640 /out/result && touch /out/other
                FROM busybox
                COPY --from=0 /out/result /result
                COPY --from=build /out /copied/
                CMD ["sh", "-c", "cat /result; stat -c %a /result; ls /copied; ls /out"]
                """, "multi");

        assertThat(result.error()).as(result.out()).isNull();
        Builds.Run run = builds.run("multi");
        assertThat(run.out()).startsWith("made-in-stage-0\n640\nother\nresult\n");
        assertThat(run.out()).as("stage 0's /out is not in the image").contains("/out");
        assertThat(run.status()).as("ls /out fails").isNotZero();
    }

    @Test
    @Graded(exercise = "5.8", points = 4)
    @DisplayName("a failing RUN stops the build with its exit status and output, and leaves no container or mount")
    void failedRunLeavesNothing() throws Exception {
        Builds.Result result = builds.build("""
                FROM busybox
                ENV A=1
                RUN echo output-before-failing && exit 3
                CMD ["true"]
                """, "broken");

        assertThat(result.error()).as(result.out()).isNotNull();
        assertThat(result.error().getMessage()).isEqualTo("Dockerfile:3: RUN: The command "
                + "'/bin/sh -c echo output-before-failing && exit 3' returned a non-zero code: 3");
        assertThat(result.out()).contains("output-before-failing").doesNotContain("Step 4/4");
        assertThat(builds.engine.store().list()).as("containers left").isEmpty();
        assertThat(builds.mounts()).as("mounts left").isEmpty();
        assertThat(new LocalImages(builds.root).find("broken")).as("the tag").isNull();
    }

    @Test
    @Graded(exercise = "5.8", points = 3)
    @DisplayName("COPY --chown names the image's user, .dockerignore leaves files out, ADD unpacks a tar, ARG is set")
    void copyDetails() throws Exception {
        builds.file("app/run.sh", "echo run\n");
        builds.file("app/secret.key", "secret\n");
        builds.file(".dockerignore", "**/*.key\n");
        Path tree = Files.createDirectories(dir.resolve("tree/pkg"));
        Files.writeString(tree.resolve("lib.txt"), "from the tar\n");
        jocker.course.HostCommand.run("tar", "-czf", builds.context.resolve("pkg.tar.gz").toString(), "-C",
                dir.resolve("tree").toString(), "pkg");

        Builds.Result result = builds.build("""
                FROM busybox
                ARG OWNER=root
                COPY --chown=${OWNER}:nogroup app /srv/app/
                ADD pkg.tar.gz /opt/
                CMD ["sh", "-c", "ls /srv/app; stat -c '%U %G %a' /srv/app /srv/app/run.sh; cat /opt/pkg/lib.txt"]
                """, Map.of("OWNER", "nobody"), null, "details");

        assertThat(result.error()).as(result.out()).isNull();
        Builds.Run run = builds.run("details");
        assertThat(run.out()).isEqualTo("run.sh\nnobody nogroup 755\nnobody nogroup 644\nfrom the tar\n");
    }

    @Test
    @DisplayName("ADD of a URL is refused, naming file, line and what to do")
    void addUrlIsRefused() throws Exception {
        Builds.Result result = builds.build("FROM busybox\nADD https://example.com/x.tar.gz /x\n");

        assertThat(result.error()).isNotNull();
        assertThat(result.error().getMessage()).startsWith("Dockerfile:2: ADD: URL sources are not supported")
                .contains("COPY it");
    }
}
