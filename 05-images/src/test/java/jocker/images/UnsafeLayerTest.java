package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import jocker.images.Layers.Compression;
import jocker.unionfs.LayerException;
import jocker.unionfs.LayerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer tars written to harm the host: each is refused or contained, and the
 * check is the file system around the layer (a sentinel directory beside the
 * state directory, the /tmp paths the tar names, /etc/passwd), not only the
 * exception.
 */
@RequiresRoot("a layer's files have owners, which only root sets")
@Timeout(60)
@DisplayName("Unsafe layers")
class UnsafeLayerTest {

    @TempDir
    Path temp;
    Path state;
    Path sentinel;
    Path outside;
    BlobStore blobs;
    String passwdBefore;

    @BeforeEach
    void setUp() throws Exception {
        state = Files.createDirectory(temp.resolve("state"));
        sentinel = Files.createDirectory(temp.resolve("sentinel"));
        outside = Path.of("/tmp", "jocker-unsafe-" + UUID.randomUUID()); // a /tmp path the tars name
        Files.createDirectory(outside);
        blobs = new BlobStore(state);
        passwdBefore = passwd();
    }

    @AfterEach
    void tearDown() throws Exception {
        Trees.delete(outside);
    }

    private static String passwd() throws Exception {
        return HostCommand.run("stat", "-c", "%a %u:%g %h %s %Y", "/etc/passwd")
                + HostCommand.run("sha256sum", "/etc/passwd");
    }

    private Digest importGzip(byte[] tar) throws Exception {
        Descriptor blob = Layers.store(blobs, Layers.compress(tar, Compression.GZIP), MediaTypes.OCI_LAYER_GZIP);
        return LayerImport.ensure(state, blobs, blob, Digest.of(tar));
    }

    /** Imports {@code tar}, expects chapter 4's refusal naming {@code entry}, and checks that nothing is left. */
    private void refused(byte[] tar, String entry) throws Exception {
        assertThatThrownBy(() -> importGzip(tar)).isInstanceOf(LayerException.class)
                .hasMessageStartingWith("layer tar entry '" + entry + "'");
        nothingOutside();
        assertThat(Layers.leftovers(state)).as("partial layers").isEmpty();
    }

    private void nothingOutside() throws Exception {
        if (Files.exists(sentinel.resolve("x"))) { // hardLinksOutside's: still its own, one link
            assertThat(sentinel.resolve("x")).hasContent("x");
            assertThat(Files.getAttribute(sentinel.resolve("x"), "unix:nlink")).isEqualTo(1);
            assertThat(HostCommand.run("stat", "-c", "%a", sentinel.resolve("x").toString())).isEqualTo("644\n");
            assertThat(Layers.tree(sentinel)).containsExactly("x");
        } else {
            assertThat(sentinel).isEmptyDirectory();
        }
        assertThat(outside).isEmptyDirectory();
        assertThat(Layers.tree(temp)).allMatch(p -> p.startsWith("state/") || p.startsWith("sentinel/"));
        assertThat(passwd()).isEqualTo(passwdBefore);
    }

    @Test
    @Graded(exercise = "5.5", points = 2)
    @DisplayName("the size limit lets the limit through, and stops one byte more with an error naming the layer")
    void limitStream() throws Exception {
        byte[] bytes = new byte[10_000];
        try (InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(bytes), 10_000, "layer X")) {
            assertThat(in.readAllBytes()).hasSize(10_000);
        }
        try (InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(bytes), 9_999, "layer X")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ImageException.class)
                    .hasMessageContaining("layer X").hasMessageContaining("9999");
        }
    }

    @Test
    @Graded(exercise = "5.5", points = 2)
    @DisplayName("the limit holds for reads of one byte and of many, counted together")
    void limitByteByByte() throws Exception {
        byte[] bytes = new byte[100];
        try (InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(bytes), 50, "layer Y")) {
            for (int i = 0; i < 30; i++) {
                assertThat(in.read()).isZero();
            }
            assertThat(in.readNBytes(20)).hasSize(20);
            assertThatThrownBy(in::read).isInstanceOf(ImageException.class).hasMessageContaining("layer Y");
        }
    }

    @Test
    @Graded(exercise = "5.6", points = 3)
    @DisplayName("a gzip bomb (64 MiB of zeros in 64 KiB) over a 1 MiB limit stops, naming the layer; nothing is left")
    void gzipBomb() throws Exception {
        byte[] tar = new Layers.Tar().file("zeros", "x", e -> e.setModTime(FileTime.fromMillis(0))).bytes();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar, 0, 512); // the header of "zeros"...
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(mib); // ...and then far more than it says: the limit counts bytes, not entries
            }
        }
        Descriptor blob = Layers.store(blobs, gz.toByteArray(), MediaTypes.OCI_LAYER_GZIP);
        assertThat(gz.size()).isLessThan(1 << 17);

        assertThatThrownBy(() -> LayerImport.ensure(state, blobs, blob, Digest.of(tar), 1 << 20))
                .isInstanceOf(ImageException.class).hasMessageContaining(blob.digest())
                .hasMessageContaining(String.valueOf(1 << 20));
        assertThat(Layers.leftovers(state)).isEmpty();
        nothingOutside();
    }

    @Test
    @Graded(exercise = "5.6", points = 2)
    @DisplayName("names with .. or a leading / are refused and write nothing outside the layer")
    void dotDotAndAbsolute() throws Exception {
        refused(new Layers.Tar().file("ok", "ok").file("../../sentinel/x", "x").bytes(), "../../sentinel/x");
        refused(new Layers.Tar().file("a/../../../../../sentinel/x", "x").bytes(), "a/../../../../../sentinel/x");
        refused(new Layers.Tar().file(outside + "/abs", "abs").bytes(), outside + "/abs");
    }

    @Test
    @Graded(exercise = "5.6", points = 2)
    @DisplayName("a symbolic link to outside (absolute or ../..) is kept as it is, and an entry through it is refused")
    void throughSymlink() throws Exception {
        refused(new Layers.Tar().symlink("d", outside.toString()).file("d/file", "pwned").bytes(), "d/file");
        refused(new Layers.Tar().symlink("d", "../../../sentinel").file("d/file", "pwned").bytes(), "d/file");
        refused(new Layers.Tar().symlink("d", "../..").dir("d/x", e -> { }).bytes(), "d/x/");

        Digest kept = importGzip(new Layers.Tar().symlink("abs", outside.toString()).symlink("up", "../../..").bytes());
        Path diff = new LayerStore(state).diff(kept.toString());
        assertThat(Files.readSymbolicLink(diff.resolve("abs"))).isEqualTo(outside);
        assertThat(Files.readSymbolicLink(diff.resolve("up"))).hasToString("../../..");
        nothingOutside();
    }

    @Test
    @Graded(exercise = "5.6", points = 2)
    @DisplayName("hard links to /etc/passwd or ../x are refused; /etc/passwd is unchanged")
    void hardLinksOutside() throws Exception {
        Files.writeString(sentinel.resolve("x"), "x");
        HostCommand.run("chmod", "644", sentinel.resolve("x").toString());
        refused(new Layers.Tar().hardLink("p", "/etc/passwd", e -> e.setMode(0777)).bytes(), "p");
        refused(new Layers.Tar().hardLink("p", "../../sentinel/x", e -> e.setMode(0777)).bytes(), "p");
    }

    @Test
    @Graded(exercise = "5.6", points = 1)
    @DisplayName("a hard link to a symbolic link that points outside is one more such link: nothing outside changes")
    void hardLinkToSymlink() throws Exception {
        Path target = Files.writeString(outside.resolve("target"), "mine");
        String before = HostCommand.run("stat", "-c", "%a %u:%g %s", target.toString());
        Digest layer = importGzip(new Layers.Tar().symlink("s", target.toString())
                .hardLink("h", "s", e -> { e.setMode(04777); e.setIds(1234, 1234); }).bytes());

        Path diff = new LayerStore(state).diff(layer.toString());
        assertThat(Files.isSymbolicLink(diff.resolve("h"))).isTrue();
        assertThat(Files.getAttribute(diff.resolve("h"), "unix:ino", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(Files.getAttribute(diff.resolve("s"), "unix:ino", LinkOption.NOFOLLOW_LINKS));
        assertThat(HostCommand.run("stat", "-c", "%a %u:%g %s", target.toString())).isEqualTo(before);
        assertThat(target).hasContent("mine");
        Files.delete(target);
        nothingOutside();
    }

    @Test
    @Graded(exercise = "5.6", points = 1)
    @DisplayName("a regular file after a symbolic link of the same name replaces the link, never writes through it")
    void fileReplacesSymlink() throws Exception {
        Path target = Files.writeString(outside.resolve("target"), "mine");
        Digest layer = importGzip(new Layers.Tar().symlink("f", target.toString())
                .file("f", "replaced", e -> e.setMode(0600)).bytes());

        Path diff = new LayerStore(state).diff(layer.toString());
        assertThat(Files.isSymbolicLink(diff.resolve("f"))).isFalse();
        assertThat(diff.resolve("f")).hasContent("replaced");
        assertThat(target).hasContent("mine");
        assertThat(Layers.tree(diff)).isEqualTo(List.of("f"));
        Files.delete(target);
        nothingOutside();
    }
}
