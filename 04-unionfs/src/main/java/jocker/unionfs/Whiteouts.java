package jocker.unionfs;

import static jocker.linux.FileTypes.S_IFCHR;
import static jocker.linux.FileTypes.S_IFMT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jocker.course.Exercise;
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
        // Exercise 4.1: mknod(2) a character device (S_IFCHR) with major and minor 0 at path;
        //   chapter 2's Kernel.mknod takes the mode and the two numbers.
        Exercise.todo("4.1", "mknod(2) a character device (S_IFCHR) with major and minor 0 at path; chapter 2's Kernel.mknod takes the mode and the two numbers.");
    }

    /** Whether {@code path} is a whiteout; a link is not followed. */
    public static boolean isWhiteout(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // Exercise 4.1: a whiteout is a character device (the S_IFMT bits of
        //   "unix:mode" are S_IFCHR) whose "unix:rdev" is 0; read both with
        //   Files.getAttribute, not following links.
        return Exercise.todo("4.1", "a whiteout is a character device (the S_IFMT bits of \"unix:mode\" are S_IFCHR) whose \"unix:rdev\" is 0; read both with Files.getAttribute, not following links.");
    }
    // end::whiteout[]

    // tag::opaque[]
    /**
     * Marks {@code dir} opaque: the directories of the same name in the layers
     * below no longer show through.
     */
    public static void makeOpaque(Path dir) {
        // Exercise 4.2: set the extended attribute OPAQUE_XATTR to "y" with lsetxattr(2)
        //   (UnionLibC.INSTANCE); Syscalls.call turns a failure into a clear error.
        Exercise.todo("4.2", "set the extended attribute OPAQUE_XATTR to \"y\" with lsetxattr(2) (UnionLibC.INSTANCE); Syscalls.call turns a failure into a clear error.");
    }

    /** Whether {@code dir} is an opaque directory. */
    public static boolean isOpaque(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // Exercise 4.2: read OPAQUE_XATTR with lgetxattr(2); it is opaque if the value is "y".
        //   An attribute that is not there fails with ENODATA: that means "not opaque".
        return Exercise.todo("4.2", "read OPAQUE_XATTR with lgetxattr(2); it is opaque if the value is \"y\". An attribute that is not there fails with ENODATA: that means \"not opaque\".");
    }
    // end::opaque[]
}
