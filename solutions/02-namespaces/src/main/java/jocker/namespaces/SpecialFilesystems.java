package jocker.namespaces;

import static jocker.linux.Kernel.MS_NODEV;
import static jocker.linux.Kernel.MS_NOEXEC;
import static jocker.linux.Kernel.MS_NOSUID;
import static jocker.linux.Kernel.MS_RDONLY;
import static jocker.linux.Kernel.MS_REMOUNT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.linux.Kernel;

/**
 * The kernel's own filesystems in the container: {@code /proc} and
 * {@code /sys}. Each shows the namespaces of whoever mounts it, so the init
 * mounts them from inside, after the root switch.
 */
public final class SpecialFilesystems {

    private SpecialFilesystems() {
    }

    // tag::proc-sys[]
    /**
     * /proc for the new PID namespace: only a process inside it can mount
     * one, and then {@code ps} lists the container's processes alone.
     * /sys read-only: mounted from inside the new network namespace, its
     * {@code class/net} lists only the container's interfaces.
     */
    public static void mountProcAndSys() throws IOException {
        Files.createDirectories(Path.of("/proc"));
        Files.createDirectories(Path.of("/sys"));
        // begin exercise 2.4: mount a "proc" filesystem on /proc and a read-only "sysfs" on /sys,
        //   both MS_NOSUID|MS_NODEV|MS_NOEXEC.
        Kernel.mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        Kernel.mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        // end exercise 2.4
    }
    // end::proc-sys[]

    /**
     * For {@code --privileged}, whose spec mounts /sys without {@code ro}:
     * the same sysfs made writable again, as Docker leaves it.
     */
    public static void remountSysWritable() {
        Kernel.mount(null, "/sys", null, MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    }
}
