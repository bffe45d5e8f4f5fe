package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import jocker.linux.Kernel;
import jocker.runtime.InitContext;
import jocker.runtime.InitStep;
import jocker.runtime.Phase;
import jocker.spec.Spec;

/**
 * The init's step for {@code linux.devices}: the device files of
 * {@code --device}, made in the container's {@code /dev} once chapter 2 has
 * mounted it. The file alone gives nothing: the cgroup's rule for its
 * numbers ({@link DeviceRules}) is what lets the command open it.
 */
public final class DeviceNodes implements InitStep {

    /** File type bits of mknod(2)'s mode ({@code <sys/stat.h>}). */
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public Phase phase() {
        return Phase.FILESYSTEMS;
    }

    @Override
    public int chapter() {
        return 3; // after chapter 2's /dev
    }

    @Override
    public void run(InitContext context) throws IOException {
        Spec.Linux linux = context.spec().linux;
        if (linux == null) {
            return;
        }
        for (Spec.Device device : linux.devices) {
            make(device);
        }
    }

    /** mknod, then the mode (mknod applies the umask) and the owner of the host's file. */
    private static void make(Spec.Device device) throws IOException {
        Path path = Path.of(device.path);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // as runc: chapter 2's /dev/null stays what it is
        }
        Files.createDirectories(path.getParent());
        int mode = device.fileMode == null ? 0666 : device.fileMode;
        Kernel.mknod(device.path, (device.type.equals("b") ? S_IFBLK : S_IFCHR) | mode,
                (int) device.major, (int) device.minor);
        Files.setPosixFilePermissions(path, permissions(mode));
        if (device.uid != null && device.gid != null) {
            Files.setAttribute(path, "unix:uid", device.uid);
            Files.setAttribute(path, "unix:gid", device.gid);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & 1 << bit) != 0) {
                set.add(BITS[bit]);
            }
        }
        return set;
    }
}
