package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob store: bytes named by their SHA-256, checked on the way in and on
 * the way out. The expected digests are computed here with the JDK's own
 * MessageDigest, not with the code under test.
 */
@DisplayName("Content-addressed blobs")
class BlobStoreTest {

    @TempDir
    Path root;

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Every regular file under {@code dir}, scratch included. */
    static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    @Graded(exercise = "5.1", points = 3)
    @DisplayName("a blob is stored under the SHA-256 of its bytes, and the same bytes are stored once")
    void storedUnderItsDigest() throws Exception {
        BlobStore blobs = new BlobStore(root);
        byte[] bytes = "a layer, or a config".getBytes(StandardCharsets.UTF_8);
        Digest digest = blobs.put(new ByteArrayInputStream(bytes), null);
        String hex = sha256(bytes);
        assertThat(digest.toString()).isEqualTo("sha256:" + hex);
        Path file = root.resolve("oci/blobs/sha256").resolve(hex);
        assertThat(file).isRegularFile();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(blobs.put(new ByteArrayInputStream(bytes), Digest.parse("sha256:" + hex))).isEqualTo(digest);
        try (Stream<Path> files = Files.list(root.resolve("oci/blobs/sha256"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    @Graded(exercise = "5.1", points = 3)
    @DisplayName("bytes that are not what the expected digest says are refused, and nothing is stored")
    void mismatchRefusedOnWrite() throws Exception {
        BlobStore blobs = new BlobStore(root);
        byte[] claimed = "what the manifest promised".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "what the registry sent".getBytes(StandardCharsets.UTF_8);
        Digest expected = Digest.parse("sha256:" + sha256(claimed));
        assertThatThrownBy(() -> blobs.put(new ByteArrayInputStream(sent), expected))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(expected.toString())
                .hasMessageContaining(sha256(sent));
        assertThat(root.resolve("oci/blobs/sha256").resolve(sha256(sent))).doesNotExist();
        assertThat(root.resolve("oci/blobs/sha256").resolve(expected.hex())).doesNotExist();
        assertThat(filesUnder(root.resolve("oci"))).isZero();
        assertThat(filesUnder(root.resolve("tmp"))).as("scratch left behind").isZero();
    }

    @Test
    @Graded(exercise = "5.2", points = 3)
    @DisplayName("a blob changed on disk after it was stored is detected when it is read")
    void changedBlobDetectedOnRead() throws Exception {
        BlobStore blobs = new BlobStore(root);
        byte[] bytes = new byte[200_000];
        new java.util.Random(5).nextBytes(bytes);
        Digest digest = blobs.put(new ByteArrayInputStream(bytes), null);
        try (InputStream in = blobs.open(digest)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        byte[] changed = bytes.clone();
        changed[123_456] ^= 1; // one bit, as a bad disk would
        Files.write(root.resolve("oci/blobs/sha256").resolve(digest.hex()), changed);
        assertThatThrownBy(() -> {
            try (InputStream in = blobs.open(digest)) {
                in.readAllBytes();
            }
        }).isInstanceOf(DigestMismatchException.class).hasMessageContaining(digest.toString());
    }

    @Test
    @Graded(exercise = "5.2", points = 2)
    @DisplayName("a blob cut short on disk is detected too, read a byte at a time")
    void truncatedBlobDetected() throws Exception {
        BlobStore blobs = new BlobStore(root);
        byte[] bytes = "0123456789abcdef".repeat(100).getBytes(StandardCharsets.US_ASCII);
        Digest digest = blobs.put(new ByteArrayInputStream(bytes), null);
        Files.write(root.resolve("oci/blobs/sha256").resolve(digest.hex()),
                java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> {
            try (InputStream in = blobs.open(digest)) {
                while (in.read() >= 0) {
                    // one byte at a time: the single-byte read must check too
                }
            }
        }).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    @DisplayName("a blob that is not there is a clear error")
    void missingBlob() {
        BlobStore blobs = new BlobStore(root);
        Digest nothing = Digest.of(new byte[] {1});
        assertThatThrownBy(() -> blobs.open(nothing)).isInstanceOf(ImageException.class)
                .hasMessageContaining("not in the store");
    }
}
