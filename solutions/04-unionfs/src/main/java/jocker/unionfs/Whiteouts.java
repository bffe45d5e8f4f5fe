package jocker.unionfs;

import static jocker.linux.FileTypes.S_IFCHR;
import static jocker.linux.FileTypes.S_IFMT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;
import jocker.linux.Syscalls;
import jocker.linux.UnionLibC;

/**
 * How a layer says "this is gone" and "nothing below this shows through",
 * in the two forms this chapter meets.
 *
 * <p>On disk, in an overlayfs layer: a <em>whiteout</em> is a character
 * device with device number 0/0 where the deleted file was; an <em>opaque
 * directory</em> carries the extended attribute
 * {@code trusted.overlay.opaque=y}. In an OCI layer tar: an empty file
 * {@code .wh.NAME} beside the deleted {@code NAME}, and an empty file
 * {@code .wh..wh..opq} inside an opaque directory ({@link LayerTar}
 * translates).
 */
public final class Whiteouts {

    /** The extended attribute that makes a directory opaque. */
    public static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    /** The prefix of a whiteout's name in an OCI layer tar. */
    public static final String PREFIX = ".wh.";
    /** The name of the entry that makes its directory opaque, in an OCI layer tar. */
    public static final String OPAQUE_MARKER = ".wh..wh..opq";

    private Whiteouts() {
    }

    // tag::whiteout[]
    /** Puts a whiteout at {@code path}: a character device 0/0, as overlayfs makes it. */
    public static void make(Path path) {
        // begin exercise 4.1: mknod(2) a character device (S_IFCHR) with major and minor 0 at path;
        //   chapter 2's Kernel.mknod takes the mode and the two numbers.
        Kernel.mknod(path.toString(), S_IFCHR, 0, 0);
        // end exercise 4.1
    }

    /** Whether {@code path} is a whiteout; a link is not followed. */
    public static boolean isWhiteout(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // begin exercise 4.1: a whiteout is a character device (the S_IFMT bits of
        //   "unix:mode" are S_IFCHR) whose "unix:rdev" is 0; read both with
        //   Files.getAttribute, not following links.
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long rdev = (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFCHR && rdev == 0;
        // end exercise 4.1
    }
    // end::whiteout[]

    // tag::opaque[]
    /**
     * Marks {@code dir} opaque: the directories of the same name in the layers
     * below no longer show through.
     */
    public static void makeOpaque(Path dir) {
        // begin exercise 4.2: set the extended attribute OPAQUE_XATTR to "y" with lsetxattr(2)
        //   (UnionLibC.INSTANCE); Syscalls.call turns a failure into a clear error.
        byte[] y = "y".getBytes(StandardCharsets.US_ASCII);
        Syscalls.call("lsetxattr(" + Syscalls.quote(dir.toString()) + ", " + OPAQUE_XATTR + ")",
                () -> UnionLibC.INSTANCE.lsetxattr(dir.toString(), OPAQUE_XATTR, y, y.length, 0));
        // end exercise 4.2
    }

    /** Whether {@code dir} is an opaque directory. */
    public static boolean isOpaque(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // begin exercise 4.2: read OPAQUE_XATTR with lgetxattr(2); it is opaque if the value is "y".
        //   An attribute that is not there fails with ENODATA: that means "not opaque".
        byte[] value = new byte[8];
        int length;
        try {
            String call = "lgetxattr(" + Syscalls.quote(dir.toString()) + ", " + OPAQUE_XATTR + ")";
            String name = dir.toString();
            length = Syscalls.call(call,
                    () -> UnionLibC.INSTANCE.lgetxattr(name, OPAQUE_XATTR, value, value.length));
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENODATA.number()) {
                return false;
            }
            throw e;
        }
        return length == 1 && value[0] == 'y';
        // end exercise 4.2
    }
    // end::opaque[]
}
