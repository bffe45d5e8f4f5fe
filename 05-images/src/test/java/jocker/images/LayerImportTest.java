package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import jocker.images.Layers.Compression;
import jocker.unionfs.LayerStore;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Layer blobs written here as other tools write them, unpacked into the layer store, or refused. */
@RequiresRoot("a layer's files have owners and device nodes, which only root makes")
@Timeout(60)
@DisplayName("Layer import")
class LayerImportTest {

    /** security.capability for cap_setuid,cap_net_raw+ep: VFS_CAP_REVISION_2, bytes 0x80 and above included. */
    static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final Instant MTIME = Instant.parse("2001-09-09T01:46:40Z");

    @TempDir
    Path state;
    BlobStore blobs;
    LayerStore layers;

    @BeforeEach
    void setUp() {
        blobs = new BlobStore(state);
        layers = new LayerStore(state);
    }

    /** A layer with one of everything a layer tar holds. */
    static byte[] everything() throws Exception {
        FileTime time = FileTime.from(MTIME);
        return new Layers.Tar()
                .dir("etc", e -> { e.setMode(0750); e.setIds(0, 42); e.setModTime(time); })
                .xattr("user.comment", "greeting".getBytes(StandardCharsets.UTF_8))
                .file("etc/hello", "hello\n", e -> {
                    e.setMode(0640); e.setIds(1000, 1001); e.setModTime(time);
                })
                .hardLink("etc/hello-again", "etc/hello", e -> { })
                .symlink("etc/passwd-link", "/etc/passwd", e -> { e.setIds(7, 8); e.setModTime(time); })
                .symlink("etc/up", "../../..", e -> { })
                .xattr("security.capability", CAPABILITY)
                .file("bin/ping", "#!/bin/sh\n", e -> {
                    e.setMode(04755); e.setModTime(time);
                })
                .device("dev/null", TarConstants.LF_CHR, 1, 3, e -> e.setMode(0666))
                .device("dev/loop9", TarConstants.LF_BLK, 7, 9, e -> e.setMode(0660))
                .device("run/fifo", TarConstants.LF_FIFO, 0, 0, e -> e.setMode(0600))
                .bytes();
    }

    private Path importLayer(byte[] tar, Compression compression, String mediaType) throws Exception {
        Digest diffId = Digest.of(tar);
        Descriptor blob = Layers.store(blobs, Layers.compress(tar, compression), mediaType);
        assertThat(LayerImport.ensure(state, blobs, blob, diffId)).isEqualTo(diffId);
        assertThat(layers.exists(diffId.toString())).isTrue();
        assertThat(layers.dir().resolve(layers.link(diffId.toString()))).isSymbolicLink();
        return layers.diff(diffId.toString());
    }

    private static String stat(Path p) throws Exception {
        return HostCommand.run("stat", "-c", "%F %a %u:%g %Y %t:%T %i", p.toString()).strip();
    }

    private void checkEverything(Path diff) throws Exception {
        long mtime = MTIME.getEpochSecond();
        assertThat(Layers.tree(diff)).containsExactly("bin/", "bin/ping", "dev/", "dev/loop9", "dev/null", "etc/",
                "etc/hello", "etc/hello-again", "etc/passwd-link", "etc/up", "run/", "run/fifo");
        assertThat(stat(diff.resolve("etc"))).startsWith("directory 750 0:42 " + mtime + " ");
        assertThat(stat(diff.resolve("etc/hello"))).startsWith("regular file 640 1000:1001 " + mtime + " ");
        assertThat(diff.resolve("etc/hello")).hasContent("hello");
        assertThat(stat(diff.resolve("etc/hello-again"))).as("a hard link: the same inode")
                .isEqualTo(stat(diff.resolve("etc/hello")));
        assertThat(Files.readSymbolicLink(diff.resolve("etc/passwd-link"))).hasToString("/etc/passwd");
        assertThat(stat(diff.resolve("etc/passwd-link"))).startsWith("symbolic link 777 7:8 " + mtime + " ");
        assertThat(Files.readSymbolicLink(diff.resolve("etc/up"))).hasToString("../../..");
        assertThat(stat(diff.resolve("bin/ping"))).as("set-user-ID bit kept").startsWith("regular file 4755 0:0 ");
        assertThat(stat(diff.resolve("dev/null"))).startsWith("character special file 666 0:0 ").contains(" 1:3 ");
        assertThat(stat(diff.resolve("dev/loop9"))).startsWith("block special file 660 0:0 ").contains(" 7:9 ");
        assertThat(stat(diff.resolve("run/fifo"))).startsWith("fifo 600 0:0 ");
        assertThat(Layers.xattr(diff.resolve("etc/hello"), "user.comment")).asString().isEqualTo("greeting");
        assertThat(Layers.xattr(diff.resolve("bin/ping"), "security.capability")).as("byte for byte")
                .isEqualTo(CAPABILITY);
        assertThat(HostCommand.run("getcap", diff.resolve("bin/ping").toString()))
                .contains("cap_setuid", "cap_net_raw");
    }

    @Test
    @Graded(exercise = "5.6", points = 3)
    @DisplayName("a gzip layer unpacks to exactly its files: modes, owners, times, links, devices, xattrs")
    void gzipLayer() throws Exception {
        Path diff = importLayer(everything(), Compression.GZIP, MediaTypes.OCI_LAYER_GZIP);
        checkEverything(diff);
    }

    @Test
    @Graded(exercise = "5.6", points = 2)
    @DisplayName("a zstd layer unpacks the same, even when its media type says plain tar: the bytes decide")
    void zstdLayer() throws Exception {
        Path diff = importLayer(everything(), Compression.ZSTD, MediaTypes.OCI_LAYER);
        checkEverything(diff);
    }

    @Test
    @Graded(exercise = "5.6", points = 1)
    @DisplayName("a plain tar layer unpacks; its blob is the layer's tar, hard-linked beside it rather than copied")
    void plainLayer() throws Exception {
        byte[] tar = new Layers.Tar().dir("a", e -> { }).file("a/b", "b").bytes();
        Path diff = importLayer(tar, Compression.PLAIN, MediaTypes.OCI_LAYER_GZIP);

        assertThat(diff.resolve("a/b")).hasContent("b");
        Object blobInode = Files.getAttribute(blobs.path(Digest.of(tar)), "unix:ino");
        assertThat(Files.getAttribute(layers.tar(Digest.of(tar).toString()), "unix:ino")).isEqualTo(blobInode);
    }

    @Test
    @Graded(exercise = "5.6", points = 1)
    @DisplayName("a blob that is no tar, or one compressed with xz, is refused with what it is, and leaves nothing")
    void notALayer() throws Exception {
        byte[] random = new byte[4096];
        new Random(5).nextBytes(random);
        random[0] = 'J';
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4, 1, 2, 3};
        for (byte[] bytes : List.of(random, xz)) {
            Descriptor blob = Layers.store(blobs, bytes, MediaTypes.OCI_LAYER);
            assertThatThrownBy(() -> LayerImport.ensure(state, blobs, blob, Digest.of(bytes)))
                    .isInstanceOf(ImageException.class)
                    .hasMessageContaining(blob.digest())
                    .hasMessageContaining(bytes == xz ? "xz" : "not a tar");
        }
        assertThat(Layers.leftovers(state)).isEmpty();
    }

    @Test
    @Graded(exercise = "5.6", points = 2)
    @DisplayName("a layer whose uncompressed bytes are not the config's diff ID is refused and leaves nothing")
    void diffIdMismatch() throws Exception {
        byte[] tar = new Layers.Tar().file("a", "a").bytes();
        byte[] other = new Layers.Tar().file("a", "b").bytes();
        Descriptor blob = Layers.store(blobs, Layers.compress(tar, Compression.GZIP), MediaTypes.OCI_LAYER_GZIP);

        assertThatThrownBy(() -> LayerImport.ensure(state, blobs, blob, Digest.of(other)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(Digest.of(other).toString()).hasMessageContaining(Digest.of(tar).toString());
        assertThat(layers.exists(Digest.of(other).toString())).isFalse();
        assertThat(layers.exists(Digest.of(tar).toString())).isFalse();
        assertThat(Layers.leftovers(state)).isEmpty();
    }

    @Test
    @DisplayName("a second import of a layer reuses it; delete removes the layer and its short name")
    void reuseAndDelete() throws Exception {
        byte[] tar = new Layers.Tar().file("a", "a").bytes();
        Path diff = importLayer(tar, Compression.GZIP, MediaTypes.OCI_LAYER_GZIP);
        String diffId = Digest.of(tar).toString();
        Path shortName = layers.dir().resolve(layers.link(diffId));
        Object inode = Files.getAttribute(diff.resolve("a"), "unix:ino");

        assertThat(importLayer(tar, Compression.GZIP, MediaTypes.OCI_LAYER_GZIP)).isEqualTo(diff);
        assertThat(Files.getAttribute(diff.resolve("a"), "unix:ino")).as("not unpacked again").isEqualTo(inode);

        layers.delete(diffId);
        assertThat(layers.exists(diffId)).isFalse();
        assertThat(Files.exists(shortName, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Layers.leftovers(state)).isEmpty();
    }
}
