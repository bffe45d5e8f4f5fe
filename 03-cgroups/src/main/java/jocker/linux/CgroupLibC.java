package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls of chapter 3, bound with JNA like chapter 1's
 * {@link jocker.linux.LibC}; open(2) and close(2) are chapter 2's
 * ({@link Kernel}).
 *
 * <p>Java's {@code Files.delete} and {@code Files.writeString} would do as
 * well, but report an error as a {@code FileSystemException} whose only clue
 * is the message text, and the cgroups code must tell EBUSY (processes still
 * exiting, or a cgroup that holds processes) from every other error by its
 * number.
 */
public interface CgroupLibC extends Library {

    CgroupLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CgroupLibC.class);

    /** rmdir(2). On a cgroup file system it removes the cgroup, its interface files included. */
    int rmdir(String path) throws LastErrorException;

    /** write(2): a cgroup interface file takes its value in one write. */
    long write(int fd, byte[] buffer, long count) throws LastErrorException;
}
