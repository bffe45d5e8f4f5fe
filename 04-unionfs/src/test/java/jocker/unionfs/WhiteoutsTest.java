package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whiteouts and opaque directories on disk, checked with the host's stat(1) and raw xattr calls. */
@RequiresRoot("mknod(2) of a device needs CAP_MKNOD, trusted.* attributes need CAP_SYS_ADMIN")
@DisplayName("Whiteouts and opaque directories")
class WhiteoutsTest {

    @TempDir
    Path dir;

    @Test
    @Graded(exercise = "4.1", points = 2)
    @DisplayName("make() leaves a character device 0/0, as stat(1) sees it")
    void makeIsACharacterDevice00() throws Exception {
        Path gone = dir.resolve("gone");

        Whiteouts.make(gone);

        assertThat(Union.stat(gone)).isEqualTo("character special file 0 0");
    }

    @Test
    @Graded(exercise = "4.1", points = 2)
    @DisplayName("isWhiteout() is true for a device 0/0 only: not a file, a directory, /dev/null's 1/3 or a link")
    void isWhiteoutOnlyFor00() throws Exception {
        Path whiteout = dir.resolve("w");
        Union.mknodWhiteout(whiteout);
        Path file = Files.writeString(dir.resolve("f"), "");
        Path null13 = dir.resolve("null");
        HostCommand.run("mknod", null13.toString(), "c", "1", "3");
        Path link = Files.createSymbolicLink(dir.resolve("link"), whiteout);

        assertThat(Whiteouts.isWhiteout(whiteout)).isTrue();
        assertThat(Whiteouts.isWhiteout(file)).isFalse();
        assertThat(Whiteouts.isWhiteout(dir)).isFalse();
        assertThat(Whiteouts.isWhiteout(null13)).isFalse();
        assertThat(Whiteouts.isWhiteout(link)).as("a link to a whiteout").isFalse();
        assertThat(Whiteouts.isWhiteout(dir.resolve("missing"))).isFalse();
    }

    @Test
    @Graded(exercise = "4.2", points = 2)
    @DisplayName("makeOpaque() sets trusted.overlay.opaque to \"y\"")
    void makeOpaqueSetsTheTrustedXattr() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));

        Whiteouts.makeOpaque(sub);

        assertThat(Union.xattr(sub, "trusted.overlay.opaque")).isEqualTo("y");
    }

    @Test
    @Graded(exercise = "4.2", points = 2)
    @DisplayName("isOpaque() reads the trusted attribute; Java's user.trusted.overlay.opaque does not count")
    void isOpaqueReadsTheTrustedXattr() throws Exception {
        Path opaque = Files.createDirectory(dir.resolve("opaque"));
        Union.setOpaque(opaque);
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path decoy = Files.createDirectory(dir.resolve("decoy"));
        Files.getFileAttributeView(decoy, UserDefinedFileAttributeView.class)
                .write("trusted.overlay.opaque", StandardCharsets.US_ASCII.encode("y"));

        assertThat(Whiteouts.isOpaque(opaque)).isTrue();
        assertThat(Whiteouts.isOpaque(plain)).isFalse();
        assertThat(Union.xattr(decoy, "user.trusted.overlay.opaque")).as("where Java wrote it").isEqualTo("y");
        assertThat(Whiteouts.isOpaque(decoy)).isFalse();
        assertThat(Whiteouts.isOpaque(Files.writeString(dir.resolve("file"), "x"))).isFalse();
    }
}
