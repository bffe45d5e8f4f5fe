package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls of chapter 4, bound with JNA like chapter 1's
 * {@link jocker.linux.LibC}: extended attributes, which overlayfs uses to
 * mark opaque directories and a layer tar may carry ({@code security.capability}),
 * and the owners, modes and times of an unpacked layer's files, one system
 * call each.
 *
 * <p>Java has {@code UserDefinedFileAttributeView}, but it only reaches the
 * {@code user.} namespace: asked for {@code trusted.overlay.opaque} it writes
 * {@code user.trusted.overlay.opaque}, which overlayfs never reads.
 */
public interface UnionLibC extends Library {

    UnionLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, UnionLibC.class);

    /** lsetxattr(2): sets an extended attribute of the link itself, not what it points to. */
    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    /** lgetxattr(2): the value's length, or -1 with ENODATA if the attribute is not set. */
    int lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    /**
     * utimensat(2): {@code times} is two {@code struct timespec}, access then
     * modification time, each as seconds and nanoseconds.
     */
    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    /** lchown(2): sets owner and group of the link itself, in one call. */
    int lchown(String path, int uid, int gid) throws LastErrorException;

    /** chmod(2): follows a symbolic link, so only for files the caller knows are none. */
    int chmod(String path, int mode) throws LastErrorException;
}
