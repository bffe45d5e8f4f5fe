package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls of chapter 6's bind mounts: the {@code *at} family,
 * which works relative to an open directory instead of a path, and
 * statvfs(3). Call them through {@link InRoot}.
 */
public interface AtLibC extends Library {

    AtLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, AtLibC.class);

    /** openat(2): {@code path} relative to the directory {@code dirfd}. */
    int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

    /** mkdirat(2): the directory {@code path} in the directory {@code dirfd}. */
    int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

    /** statvfs(3): the file system and mount flags of {@code path}; {@code buf} is a {@code struct statvfs}. */
    int statvfs(String path, Pointer buf) throws LastErrorException;
}
