package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image's file through its layers, links resolved inside the image. */
@DisplayName("Reading a file of an image without mounting it")
class ImageFilesTest {

    @TempDir
    Path dir;

    Path layer(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    @DisplayName("the topmost layer's version is read; a missing file is empty")
    void topmostWins() throws Exception {
        Path lower = layer("lower");
        Path upper = layer("upper");
        write(lower.resolve("etc/passwd"), "lower");
        write(upper.resolve("etc/passwd"), "upper");
        write(lower.resolve("etc/group"), "group");

        ImageFiles files = new ImageFiles(List.of(lower, upper));

        assertThat(files.read("/etc/passwd")).contains("upper");
        assertThat(files.read("/etc/group")).contains("group");
        assertThat(files.read("/etc/shadow")).isEmpty();
        assertThat(files.read("/etc/passwd/x")).as("a name under a file").isEmpty();
    }

    @Test
    @RequiresRoot("a whiteout is a character device 0/0: mknod(2) needs CAP_MKNOD")
    @DisplayName("a whiteout in an upper layer hides the lower file")
    void whiteoutHides() throws Exception {
        Path lower = layer("lower");
        Path upper = layer("upper");
        write(lower.resolve("etc/passwd"), "lower");
        Files.createDirectories(upper.resolve("etc"));
        HostCommand.run("mknod", upper.resolve("etc/passwd").toString(), "c", "0", "0");

        assertThat(new ImageFiles(List.of(lower, upper)).read("/etc/passwd")).isEmpty();
    }

    @Test
    @DisplayName("links are followed inside the image: absolute, with .. above the root, through a linked directory")
    void linksStayInside() throws Exception {
        Path hostFile = write(dir.resolve("host/secret"), "host");
        String inside = hostFile.toString().substring(1);
        Path lower = layer("lower");
        Path upper = layer("upper");
        write(lower.resolve(inside), "image");
        Files.createDirectories(upper.resolve("etc"));
        Files.createSymbolicLink(upper.resolve("etc/absolute"), hostFile);
        Files.createSymbolicLink(upper.resolve("etc/relative"), Path.of("../".repeat(40) + inside));
        Files.createSymbolicLink(upper.resolve("linked"), hostFile.getParent());
        Files.createSymbolicLink(lower.resolve("etc-link"), Path.of("etc"));

        ImageFiles files = new ImageFiles(List.of(lower, upper));

        assertThat(files.read("/etc/absolute")).contains("image");
        assertThat(files.read("/etc/relative")).contains("image");
        assertThat(files.read("/linked/secret")).contains("image");
        assertThat(files.read("/etc-link/absolute")).as("a link in a lower layer to a directory of an upper one")
                .contains("image");
    }

    @Test
    @DisplayName("a link loop, a directory and a FIFO are refused, not followed forever or blocked on")
    void refused() throws Exception {
        Path layer = layer("only");
        Files.createDirectories(layer.resolve("etc/dir"));
        Files.createSymbolicLink(layer.resolve("etc/a"), Path.of("b"));
        Files.createSymbolicLink(layer.resolve("etc/b"), Path.of("/etc/a"));
        HostCommand.run("mkfifo", layer.resolve("etc/fifo").toString());

        ImageFiles files = new ImageFiles(List.of(layer));

        assertThatThrownBy(() -> files.read("/etc/a")).isInstanceOf(ImageException.class)
                .hasMessageContaining("too many levels of symbolic links");
        assertThatThrownBy(() -> files.read("/etc/dir")).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> files.read("/etc/fifo")).hasMessageContaining("not a regular file");
    }
}
