package jocker.namespaces;

import static jocker.linux.FileTypes.S_IFCHR;
import static jocker.linux.Kernel.MS_NOEXEC;
import static jocker.linux.Kernel.MS_NOSUID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jocker.linux.Kernel;

/**
 * A minimal {@code /dev}: a fresh tmpfs with the device files every program
 * may expect, not the host's {@code /dev} with its disks. Docker's list:
 * null, zero, full, random, urandom and tty, a private devpts for terminals,
 * and a tmpfs for POSIX shared memory.
 */
public final class Devices {

    /** A character device: name, major and minor number ({@code Documentation/admin-guide/devices.txt}). */
    record Device(String name, int major, int minor) {
    }

    static final List<Device> DEVICES = List.of(
            new Device("null", 1, 3), new Device("zero", 1, 5), new Device("full", 1, 7),
            new Device("random", 1, 8), new Device("urandom", 1, 9), new Device("tty", 5, 0));

    private Devices() {
    }

    // tag::dev[]
    public static void mountDev() throws IOException {
        Files.createDirectories(Path.of("/dev"));
        Kernel.mount("tmpfs", "/dev", "tmpfs", MS_NOSUID, "mode=755,size=65536k");
        for (Device d : DEVICES) {
            String path = "/dev/" + d.name();
            Kernel.mknod(path, S_IFCHR | 0666, d.major(), d.minor());
            // mknod applies the umask; devices are for everyone.
            Files.setPosixFilePermissions(Path.of(path),
                    PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        Files.createDirectories(Path.of("/dev/pts"));
        // newinstance: the container's own terminals, not the host's /dev/pts.
        Kernel.mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620");
        Files.createSymbolicLink(Path.of("/dev/ptmx"), Path.of("pts/ptmx"));
        Files.createDirectories(Path.of("/dev/shm"));
        Kernel.mount("shm", "/dev/shm", "tmpfs", MS_NOSUID | Kernel.MS_NODEV | MS_NOEXEC,
                "mode=1777,size=65536k");
        Files.createSymbolicLink(Path.of("/dev/fd"), Path.of("/proc/self/fd"));
        Files.createSymbolicLink(Path.of("/dev/stdin"), Path.of("/proc/self/fd/0"));
        Files.createSymbolicLink(Path.of("/dev/stdout"), Path.of("/proc/self/fd/1"));
        Files.createSymbolicLink(Path.of("/dev/stderr"), Path.of("/proc/self/fd/2"));
    }
    // end::dev[]
}
