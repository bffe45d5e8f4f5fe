package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls of chapter 4, bound with JNA like chapter 1's
 * {@link jocker.linux.LibC}: extended attributes, which overlayfs uses to
 * mark opaque directories, and which a layer tar may carry
 * ({@code security.capability}). {@link UnpackCalls} has the calls that give
 * an unpacked file its owner, mode and time.
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
}
