package jocker.linux;

/**
 * The file-type bits of a mode, from {@code <sys/stat.h>} (inode(7), "The
 * file type and mode"): what mknod(2) is told to make, and what
 * {@code Files.getAttribute(path, "unix:mode")} reports. Mask a mode with
 * {@link #S_IFMT} before comparing it with a type.
 */
public final class FileTypes {

    /** The bits of a mode that hold the file type. */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    private FileTypes() {
    }
}
