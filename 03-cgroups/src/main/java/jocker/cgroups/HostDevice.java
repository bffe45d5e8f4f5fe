package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jocker.linux.Kernel;
import jocker.spec.Spec;

/**
 * One {@code --device HOST[:CONTAINER][:PERMISSIONS]}: a device of the host
 * that the container gets, as a device file at {@code containerPath} and a
 * rule that allows {@code access} to its numbers.
 *
 * @param hostPath      the device file on the host, such as {@code /dev/kmsg}
 * @param containerPath where the init makes it in the container; the host path by default
 * @param access        some of {@code r}, {@code w}, {@code m}; {@code rwm} by default
 */
public record HostDevice(String hostPath, String containerPath, String access) {

    /** {@code st_mode}'s file type bits ({@code <sys/stat.h>}). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    public HostDevice {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("bad format for path: " + containerPath);
        }
        DeviceRules.accessBits(access);
    }

    /**
     * Docker's {@code --device} syntax ({@code opts.ParseDevice}):
     * {@code /dev/kmsg}, {@code /dev/kmsg:/dev/log}, {@code /dev/kmsg:r},
     * {@code /dev/kmsg:/dev/log:rw}. With two parts, the second is the
     * permissions if it is made of r, w and m only.
     */
    public static HostDevice parse(String text) {
        String[] parts = text.split(":", -1);
        String access = "rwm";
        String container;
        switch (parts.length) {
            case 1 -> container = parts[0];
            case 2 -> {
                boolean permissions = parts[1].matches("[rwm]{1,3}");
                container = permissions ? parts[0] : parts[1];
                access = permissions ? parts[1] : access;
            }
            case 3 -> {
                container = parts[1];
                access = parts[2];
            }
            default -> throw new IllegalArgumentException("invalid device specification: " + text);
        }
        if (parts[0].isEmpty() || !parts[0].startsWith("/")) {
            throw new IllegalArgumentException("invalid device specification: " + text
                    + " (the host's device file, an absolute path, comes first)");
        }
        return new HostDevice(parts[0], container, access);
    }

    /**
     * The device as {@code linux.devices} lists it, from what stat(2) says of
     * the host's file: its type, major and minor number, mode and owner.
     */
    public Spec.Device toSpec() {
        Map<String, Object> stat;
        try {
            stat = Files.readAttributes(Path.of(hostPath), "unix:mode,rdev,uid,gid");
        } catch (IOException e) {
            throw new IllegalArgumentException("error gathering device information while adding custom device \""
                    + hostPath + "\": " + e.getMessage(), e);
        }
        int mode = (Integer) stat.get("mode");
        if ((mode & S_IFMT) != S_IFCHR && (mode & S_IFMT) != S_IFBLK) {
            throw new IllegalArgumentException("error gathering device information while adding custom device \""
                    + hostPath + "\": not a device node");
        }
        long rdev = (Long) stat.get("rdev");
        Spec.Device device = new Spec.Device();
        device.path = containerPath;
        device.type = (mode & S_IFMT) == S_IFBLK ? "b" : "c";
        device.major = Kernel.major(rdev);
        device.minor = Kernel.minor(rdev);
        device.fileMode = mode & 0777;
        device.uid = (Integer) stat.get("uid");
        device.gid = (Integer) stat.get("gid");
        return device;
    }
}
