package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Not graded: the tar of a commit, hashed and written on a thread of its own. */
@Timeout(30)
@DisplayName("A layer tar written on a thread of its own")
class HashingWriterTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the file has every byte, in order, and the digest is their SHA-256, however they were handed over")
    void bytesAndDigest() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Path file = dir.resolve("layer.tar");
        try (OutputStream out = new HashingWriter(file, digest)) {
            for (int i = 0; i < 400; i++) { // 1 byte to 40 KB at a time, 8 MB in all: chunks of 1 MiB and a rest
                byte[] piece = new byte[i * 100 + 1];
                for (int j = 0; j < piece.length; j++) {
                    piece[j] = (byte) (i + j * 7);
                }
                out.write(piece);
                out.write(i);
                expected.write(piece);
                expected.write(i);
            }
        }
        byte[] all = expected.toByteArray();
        assertThat(Files.readAllBytes(file)).isEqualTo(all);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(all));
    }

    @Test
    @DisplayName("a file that exists already is refused, and left as it was")
    void neverOverwrites() throws Exception {
        Path file = Files.writeString(dir.resolve("layer.tar"), "another's");
        assertThatThrownBy(() -> new HashingWriter(file, MessageDigest.getInstance("SHA-256")))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(file).hasContent("another's");
    }

    @Test
    @RequiresRoot("mounts a small tmpfs to fill")
    @DisplayName("a full disk: the writer says so, naming the file, and nothing waits forever")
    void fullDisk() throws Exception {
        Path small = Files.createDirectory(dir.resolve("small"));
        HostCommand.run("mount", "-t", "tmpfs", "-o", "size=1m", "jocker-test-full", small.toString());
        try {
            Path file = small.resolve("layer.tar");
            OutputStream out = new HashingWriter(file, MessageDigest.getInstance("SHA-256"));
            assertThatThrownBy(() -> {
                try (out) {
                    byte[] chunk = new byte[64 << 10];
                    for (int i = 0; i < 256; i++) { // 16 MiB into 1 MiB
                        out.write(chunk);
                    }
                }
            }).isInstanceOf(IOException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("No space left on device");
        } finally {
            HostCommand.run("umount", small.toString());
        }
    }
}
