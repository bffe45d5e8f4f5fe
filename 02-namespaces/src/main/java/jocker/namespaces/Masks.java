package jocker.namespaces;

import static jocker.linux.Kernel.MS_BIND;
import static jocker.linux.Kernel.MS_NODEV;
import static jocker.linux.Kernel.MS_NOEXEC;
import static jocker.linux.Kernel.MS_NOSUID;
import static jocker.linux.Kernel.MS_RDONLY;
import static jocker.linux.Kernel.MS_REC;
import static jocker.linux.Kernel.MS_REMOUNT;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Exercise;
import jocker.linux.Kernel;

/**
 * What Docker hides or freezes in /proc and /sys. A PID namespace does not
 * make /proc harmless: some files there describe or control the whole
 * machine, not the container.
 *
 * <ul>
 * <li>Masked: {@code /proc/kcore} is the host's physical memory as an ELF
 * core file; {@code /proc/keys} lists kernel keyrings; {@code /proc/timer_list}
 * and {@code /proc/sched_debug} show every task and timer on the host;
 * {@code /sys/firmware} holds the firmware's tables.</li>
 * <li>Read-only: {@code /proc/sys} holds kernel settings (sysctls);
 * {@code /proc/sysrq-trigger} can reboot the machine; {@code /proc/irq} and
 * {@code /proc/bus} reach hardware.</li>
 * </ul>
 */
public final class Masks {

    /** Docker's default masked paths (moby, oci/defaults.go). */
    public static final List<String> MASKED = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");

    /** Docker's default read-only paths. */
    public static final List<String> READ_ONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private Masks() {
    }

    // tag::masks[]
    /**
     * Masks each of {@code masked} and makes each of {@code readOnly}
     * read-only, where they exist.
     */
    public static void apply(List<String> masked, List<String> readOnly) {
        for (String path : masked) {
            if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
                mask(path);
            }
        }
        for (String path : readOnly) {
            if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
                makeReadOnly(path);
            }
        }
    }

    /** Hides {@code path}: an empty read-only tmpfs over a directory, /dev/null over a file. */
    static void mask(String path) {
        // Exercise 2.5: over a directory, mount an empty "tmpfs" with MS_RDONLY;
        //   over a file, bind-mount /dev/null (MS_BIND).
        Exercise.todo("2.5", "over a directory, mount an empty \"tmpfs\" with MS_RDONLY; over a file, bind-mount /dev/null (MS_BIND).");
    }

    /**
     * Freezes {@code path}. A bind mount is read-write whatever its source:
     * bind the path onto itself, then remount that bind read-only. mount(2)
     * ignores MS_RDONLY on the first call, which is why it takes two. A
     * remount sets all the per-mount flags at once, so it repeats the ones
     * /proc has (nosuid, nodev, noexec) or would clear them.
     */
    static void makeReadOnly(String path) {
        // Exercise 2.5: bind-mount the path onto itself (MS_BIND|MS_REC), then remount it
        //   with MS_BIND|MS_REMOUNT|MS_RDONLY|MS_REC, keeping MS_NOSUID|MS_NODEV|MS_NOEXEC.
        Exercise.todo("2.5", "bind-mount the path onto itself (MS_BIND|MS_REC), then remount it with MS_BIND|MS_REMOUNT|MS_RDONLY|MS_REC, keeping MS_NOSUID|MS_NODEV|MS_NOEXEC.");
    }
    // end::masks[]
}
