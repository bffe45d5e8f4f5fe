package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device files in layer tars: their numbers past the old 8-bit minor, which
 * makedev(3) splits across the device number (Kernel.makedev). The devices
 * are made with the host's mknod(1), and compared by stat's {@code rdev}.
 */
@RequiresRoot("mknod(2) of a device needs CAP_MKNOD")
@DisplayName("Layer tars: device numbers")
class LayerTarDevicesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("devices with a minor past 255 keep their numbers through a layer tar, written then unpacked")
    void largeDeviceNumbersRoundTrip() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        HostCommand.run("mknod", tree.resolve("c10-300").toString(), "c", "10", "300");
        HostCommand.run("mknod", tree.resolve("c4-300").toString(), "c", "4", "300");
        HostCommand.run("mknod", tree.resolve("b259-70000").toString(), "b", "259", "70000");
        // glibc's makedev(10, 300): minor's low 8 bits, major's 12 at bit 8, the minor's rest at bit 20.
        assertThat(rdev(tree.resolve("c10-300"))).as("the fixture, by mknod(1)").isEqualTo(1051180L);

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LayerTar.write(tree, tar);
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        LayerTar.unpack(new ByteArrayInputStream(tar.toByteArray()), unpacked);

        assertThat(entry(tar.toByteArray(), "c10-300")).as("major and minor in the tar").containsExactly(10, 300);
        assertThat(entry(tar.toByteArray(), "b259-70000")).as("major and minor in the tar").containsExactly(259, 70000);
        for (String name : new String[] {"c10-300", "c4-300", "b259-70000"}) {
            assertThat(rdev(unpacked.resolve(name))).as(name).isEqualTo(rdev(tree.resolve(name)));
            assertThat(mode(unpacked.resolve(name))).as(name).isEqualTo(mode(tree.resolve(name)));
        }
    }

    private static long rdev(Path path) throws Exception {
        return (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** The device numbers of entry {@code name}, as the tar's header holds them. */
    private static int[] entry(byte[] tar, String name) throws Exception {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new int[] {e.getDevMajor(), e.getDevMinor()};
                }
            }
        }
        throw new AssertionError("no entry " + name + " in the tar");
    }
}
