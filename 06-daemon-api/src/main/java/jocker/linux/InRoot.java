package jocker.linux;

import com.sun.jna.Memory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths looked up inside a root directory, as if it were {@code /}: what a
 * runtime needs to make and mount a destination in a container's root
 * filesystem before it switches into it.
 *
 * <p>The image is not to be trusted. If its {@code /data} is a symbolic link
 * to {@code /etc}, a runtime that joins {@code rootfs + "/data"} and lets the
 * kernel follow the link mounts over, or creates directories in, the
 * <em>host's</em> {@code /etc}. runc had this bug more than once
 * (CVE-2021-30465: a link swapped in while the mounts were made). Since
 * Linux 5.6, openat2(2) with {@code RESOLVE_IN_ROOT} has the kernel do the
 * lookup as chroot(2) would: an absolute link starts again at the root,
 * {@code ..} stops there. The descriptor it returns is then the mount's
 * target, through {@code /proc/self/fd/N}: nothing can be swapped between
 * the lookup and the mount.
 */
public final class InRoot {

    /** openat2's number: the same on every architecture (it is newer than 424, where the tables met). */
    private static final long SYS_OPENAT2 = 437;

    // open(2) flags, from <fcntl.h>.
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    // openat2(2) resolve flags, from <linux/openat2.h>.
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    /** statvfs(3): where {@code f_flag} is in {@code struct statvfs} on 64-bit Linux (after nine 8-byte fields). */
    private static final int F_FLAG_OFFSET = 72;

    private InRoot() {
    }

    /** An {@code O_PATH} descriptor of the directory {@code root}, to look paths up in. */
    public static int openRoot(Path root) {
        return Syscalls.call("open(" + Syscalls.quote(root.toString()) + ", O_PATH|O_DIRECTORY|O_CLOEXEC)",
                () -> AtLibC.INSTANCE.openat(-100, root.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
    }

    // tag::openat2[]
    /**
     * An {@code O_PATH} descriptor of {@code path} (absolute or not: it
     * starts at the root either way) looked up inside {@code rootFd}.
     * Symbolic links are followed, but never out of the root; {@code /proc}'s
     * magic links are refused.
     */
    public static int open(int rootFd, String path) {
        Memory how = new Memory(24); // struct open_how: u64 flags, u64 mode, u64 resolve
        how.setLong(0, O_PATH | O_CLOEXEC);
        how.setLong(8, 0);
        how.setLong(16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
        String relative = path.isEmpty() ? "." : path;
        return Syscalls.call("openat2(root, " + Syscalls.quote(relative) + ", O_PATH, RESOLVE_IN_ROOT)",
                () -> (int) NsLibC.INSTANCE.syscall(SYS_OPENAT2, rootFd, relative, how, 24L));
    }
    // end::openat2[]

    /**
     * Makes {@code path} inside the root, with the directories it lacks, as
     * {@code mkdir -p} would but never outside the root: each missing name
     * is made in its parent as {@link #open} found it. The last one is a
     * directory, or an empty file when {@code directory} is false (the
     * target of a bind-mounted file). Returns an {@code O_PATH} descriptor
     * of it; what exists already is left as it is.
     */
    public static int create(int rootFd, String path, boolean directory) {
        List<String> names = new ArrayList<>();
        for (Path name : Path.of("/").relativize(Path.of("/", path).normalize())) {
            names.add(name.toString());
        }
        for (int i = 0; i < names.size(); i++) {
            String prefix = String.join("/", names.subList(0, i + 1));
            try {
                Kernel.close(open(rootFd, prefix));
                continue;
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOENT.number()) {
                    throw e;
                }
            }
            int parent = open(rootFd, String.join("/", names.subList(0, i)));
            try {
                String name = names.get(i);
                String what = Syscalls.quote(prefix);
                if (i < names.size() - 1 || directory) {
                    Syscalls.call("mkdirat(" + what + ", 0755)", () -> AtLibC.INSTANCE.mkdirat(parent, name, 0755));
                } else {
                    Kernel.close(Syscalls.call("openat(" + what + ", O_CREAT|O_EXCL|O_NOFOLLOW)",
                            () -> AtLibC.INSTANCE.openat(parent, name,
                                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)));
                }
            } catch (SyscallException e) {
                if (e.errno() == Errno.EEXIST.number()) {
                    // It is there, yet open() found nothing: a symbolic link to a name that does not exist.
                    throw new IllegalArgumentException("/" + prefix + " is a symbolic link to nothing in the image:"
                            + " refusing to follow it", e);
                }
                throw e;
            } finally {
                Kernel.close(parent);
            }
        }
        return open(rootFd, path);
    }

    /** The name of descriptor {@code fd} that mount(2) can take: the kernel follows it to that very file. */
    public static String procPath(int fd) {
        return "/proc/self/fd/" + fd;
    }

    /** statvfs(3)'s {@code f_flag} of {@code path}: its mount's ST_NOSUID, ST_NODEV, ST_NOEXEC … (the MS_ values). */
    public static long mountFlags(String path) {
        Memory buf = new Memory(112); // sizeof(struct statvfs) on 64-bit Linux
        Syscalls.call("statvfs(" + Syscalls.quote(path) + ")", () -> AtLibC.INSTANCE.statvfs(path, buf));
        return buf.getLong(F_FLAG_OFFSET);
    }
}
