package jocker.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import jocker.course.Graded;
import jocker.images.Digest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build cache's key: what makes two steps the same step, and what does not count. */
@DisplayName("Build cache keys")
class CacheKeyTest {

    private static final Digest BUSYBOX = Digest.of("busybox config".getBytes());
    private static final Digest OTHER = Digest.of("another config".getBytes());
    private static final String COPY = "/bin/sh -c #(nop) COPY a in /a";

    @TempDir
    Path dir;

    @Test
    @Graded(exercise = "5.8", points = 1)
    @DisplayName("the same parent and instruction give the same key; another parent or instruction another one")
    void parentAndInstruction() throws Exception {
        Digest key = CacheKey.of(BUSYBOX, "/bin/sh -c echo hi", null);

        assertThat(CacheKey.of(BUSYBOX, "/bin/sh -c echo hi", null)).isEqualTo(key);
        assertThat(CacheKey.of(OTHER, "/bin/sh -c echo hi", null)).isNotEqualTo(key);
        assertThat(CacheKey.of(null, "/bin/sh -c echo hi", null)).as("scratch").isNotEqualTo(key);
        assertThat(CacheKey.of(BUSYBOX, "/bin/sh -c echo ho", null)).isNotEqualTo(key);
        assertThat(CacheKey.of(BUSYBOX, "|1 V=2 /bin/sh -c echo hi", null)).as("a build arg").isNotEqualTo(key);
    }

    @Test
    @Graded(exercise = "5.8", points = 2)
    @DisplayName("copied files count by name, bytes and mode; their times do not")
    void copiedFiles() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/app"));
        Path file = Files.writeString(tree.resolve("a.txt"), "one");
        Digest key = CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"));

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("touched").isEqualTo(key);
        Files.writeString(file, "two");
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("other bytes").isNotEqualTo(key);
        Files.writeString(file, "one");
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("the bytes back").isEqualTo(key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("another mode").isNotEqualTo(key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(file, tree.resolve("b.txt"));
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("another name").isNotEqualTo(key);
        Files.move(tree.resolve("b.txt"), file);
        Files.createSymbolicLink(tree.resolve("link"), Path.of("a.txt"));
        assertThat(CacheKey.of(BUSYBOX, COPY, dir.resolve("tree"))).as("a link added").isNotEqualTo(key);
    }
}
