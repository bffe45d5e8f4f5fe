package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Not graded: the errors around the exercise, which the skeleton already has. */
@DisplayName("The image's errors say what to do")
class ImageErrorsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a missing busybox names the package to install, and nothing is made")
    void missingBusybox() {
        assertThatThrownBy(() -> new BusyboxImage(dir.resolve("busybox")).assemble(dir.resolve("rootfs")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("install the Debian package busybox-static");
        assertThat(dir.resolve("rootfs")).doesNotExist();
    }

    @Test
    @DisplayName("a dynamically linked program is refused: it cannot run without the host's libc")
    void dynamicBinary() {
        assertThatThrownBy(() -> new BusyboxImage(Path.of("/bin/ls")).assemble(dir.resolve("rootfs")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("dynamically linked");
    }

    @Test
    @DisplayName("an image other than busybox is not found, and the error says which exist")
    void unknownImage() {
        assertThatThrownBy(() -> new ImageStore(dir).rootfs("alpine"))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("image 'alpine' not found");
    }

    @Test
    @DisplayName("a directory renamed onto one another process made first loses, and nothing of either is lost")
    void moveIntoPlaceLosesToTheWinner() throws Exception {
        Path winner = Files.createDirectories(dir.resolve("rootfs"));
        Files.writeString(winner.resolve("made-by"), "first");
        Path partial = Files.createDirectories(dir.resolve("rootfs.partial-1"));
        Files.writeString(partial.resolve("made-by"), "second");

        // rename(2) onto a non-empty directory fails with ENOTEMPTY, which
        // Java reports as neither FileAlreadyExists nor DirectoryNotEmpty.
        assertThat(Trees.moveIntoPlace(partial, winner)).isFalse();
        assertThat(winner.resolve("made-by")).hasContent("first");
        assertThat(partial.resolve("made-by")).hasContent("second");

        assertThat(Trees.moveIntoPlace(partial, dir.resolve("fresh"))).isTrue();
        assertThat(dir.resolve("fresh").resolve("made-by")).hasContent("second");
        assertThat(partial).doesNotExist();
    }

    @Test
    @DisplayName("a rename that fails for another reason is reported, not taken for a lost race")
    void moveIntoPlaceReportsOtherErrors() {
        assertThatThrownBy(() -> Trees.moveIntoPlace(dir.resolve("missing"), dir.resolve("target")))
                .isInstanceOf(java.io.IOException.class);
    }
}
