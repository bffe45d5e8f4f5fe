package jocker.linux;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls that give each file of an unpacked layer its owner,
 * mode and time, bound with JNA's <em>direct mapping</em> ({@code static
 * native} methods, {@link Native#register}) rather than an interface like
 * {@link UnionLibC}: a layer makes tens of thousands of files, three calls
 * each, and a direct call costs a fraction of an interface call, which goes
 * through a proxy and reflection every time. A regular file is written and
 * given its attributes through its open descriptor, as GNU tar does:
 * open, write, fchown, fchmod, futimens, close, and no path looked up again.
 * A layer written from a directory asks each file for its extended
 * attributes the same way: {@link #llistxattr}, once a file.
 */
public final class UnpackCalls {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private UnpackCalls() {
    }

    /** open(2) flags, from {@code <fcntl.h>}. */
    public static final int O_WRONLY = 01;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;

    /** open(2) with a mode for the file it creates; returns the descriptor. */
    public static native int open(String path, int flags, int mode) throws LastErrorException;

    /** write(2) from a direct buffer: no copy on the way to the kernel; returns the bytes written. */
    public static native long write(int fd, ByteBuffer buffer, long count) throws LastErrorException;

    /** fchown(2), fchmod(2), futimens(2): the open file's owner, mode and times. */
    public static native int fchown(int fd, int uid, int gid) throws LastErrorException;

    public static native int fchmod(int fd, int mode) throws LastErrorException;

    public static native int futimens(int fd, long[] times) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    /** lchown(2): owner and group of the link itself, in one call. */
    public static native int lchown(String path, int uid, int gid) throws LastErrorException;

    /** chmod(2): follows a symbolic link, so only for files the caller knows are none. */
    public static native int chmod(String path, int mode) throws LastErrorException;

    /** utimensat(2): {@code times} is access then modification time, each seconds and nanoseconds. */
    public static native int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    /**
     * llistxattr(2): the names of the link's own extended attributes, each ending in a NUL, into
     * {@code list}; returns their length (0: none). With {@code size} 0 it only returns the length.
     */
    public static native long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    /** lgetxattr(2): the value's length; with {@code size} 0 only the length. */
    public static native long lgetxattr(String path, String name, byte[] value, long size)
            throws LastErrorException;
}
