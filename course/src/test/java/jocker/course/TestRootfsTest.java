package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRootfsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsBusybox() {
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "requires /bin/busybox");
    }

    @Test
    @DisplayName("the rootfs has an executable busybox and a link to it per applet")
    void busyboxAndApplets() throws IOException {
        Path root = TestRootfs.create(dir).path();

        assertThat(root).isEqualTo(dir);
        assertThat(Files.isExecutable(root.resolve("bin/busybox"))).isTrue();
        assertThat(Files.isSymbolicLink(root.resolve("bin/busybox"))).isFalse();
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/env"))).isEqualTo(Path.of("../../bin/busybox"));
        assertThat(root.resolve("usr/bin/env").toRealPath()).isEqualTo(root.resolve("bin/busybox").toRealPath());
    }

    @Test
    @DisplayName("the copied busybox runs, and picks the applet by the link's name")
    void busyboxRuns() throws Exception {
        Path root = TestRootfs.create(dir).path();
        Process echo = new ProcessBuilder(root.resolve("bin/echo").toString(), "inside")
                .redirectErrorStream(true).start();
        assertThat(new String(echo.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("inside\n");
        assertThat(echo.waitFor()).isZero();
    }

    @Test
    @DisplayName("the rootfs has the usual top-level directories, /tmp sticky and world-writable")
    void directories() throws IOException {
        Path root = TestRootfs.create(dir).path();

        for (String name : new String[] {"proc", "dev", "sys", "tmp", "root", "etc", "home", "var"}) {
            assertThat(root.resolve(name)).isDirectory();
        }
        int mode = (Integer) Files.getAttribute(root.resolve("tmp"), "unix:mode");
        assertThat(mode & 07777).isEqualTo(01777);
    }

    @Test
    @DisplayName("the rootfs knows root and nobody, and is called jocker")
    void users() throws IOException {
        Path root = TestRootfs.create(dir).path();

        assertThat(root.resolve("etc/passwd")).hasContent(
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false");
        assertThat(root.resolve("etc/group")).hasContent("root:x:0:\nnogroup:x:65534:");
        assertThat(root.resolve("etc/hostname")).hasContent("jocker");
    }

    @Test
    @DisplayName("building the same rootfs twice is harmless")
    void twice() {
        TestRootfs.create(dir);
        assertThat(TestRootfs.create(dir).path().resolve("bin/sh")).isSymbolicLink();
    }
}
