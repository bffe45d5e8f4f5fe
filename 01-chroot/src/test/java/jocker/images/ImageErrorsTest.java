package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
