package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library call of chapter 3, bound with JNA like chapter 1's
 * {@link jocker.linux.LibC}.
 *
 * <p>Only rmdir(2): Java's {@code Files.delete} would do it too, but reports
 * EBUSY as a {@code FileSystemException} whose only clue is the message text,
 * and {@code jocker.cgroups.CgroupDirectories} must tell EBUSY (processes still exiting: try
 * again) from every other error.
 */
public interface CgroupLibC extends Library {

    CgroupLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CgroupLibC.class);

    /** rmdir(2). On a cgroup file system it removes the cgroup, its interface files included. */
    int rmdir(String path) throws LastErrorException;
}
