package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jocker.linux.FileTypes;
import jocker.linux.Kernel;
import jocker.runtime.InitContext;
import jocker.runtime.Phase;
import jocker.runtime.PhasedStep;
import jocker.spec.Spec;

/**
 * The init's step for {@code linux.devices}: the device files of
 * {@code --device}, made in the container's {@code /dev} once chapter 2 has
 * mounted it. The file alone gives nothing: the cgroup's rule for its
 * numbers ({@link DeviceRules}) is what lets the command open it.
 */
public final class DeviceNodes extends PhasedStep {

    public DeviceNodes() {
        super(Phase.FILESYSTEMS, 3); // after chapter 2's /dev
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
        Kernel.mknod(device.path, (device.type.equals("b") ? FileTypes.S_IFBLK : FileTypes.S_IFCHR) | mode,
                (int) device.major, (int) device.minor);
        Files.setAttribute(path, "unix:mode", mode); // mknod applied the umask
        if (device.uid != null && device.gid != null) {
            Files.setAttribute(path, "unix:uid", device.uid);
            Files.setAttribute(path, "unix:gid", device.gid);
        }
    }
}
