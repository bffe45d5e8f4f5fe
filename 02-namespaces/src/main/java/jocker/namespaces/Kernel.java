package jocker.namespaces;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import jocker.linux.Syscalls;

/**
 * Chapter 2's system calls, each wrapped with {@link Syscalls#call} so that a
 * failure names the call, its arguments and the errno.
 */
public final class Kernel {

    // mount(2) flags, from <sys/mount.h>.
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    /** umount2(2): detach now, finish when the mount is no longer busy. */
    public static final int MNT_DETACH = 2;
    /** unshare(2): stop sharing the root and working directory with the other threads. */
    public static final int CLONE_FS = 0x200;

    /** pivot_root's number in the system call table: x86-64 and arm64. */
    private static final long SYS_PIVOT_ROOT = "aarch64".equals(Platform.ARCH) ? 41 : 155;

    private Kernel() {
    }

    public static void unshare(int flags) {
        Syscalls.call("unshare(" + Namespace.describe(flags) + ")", () -> NsLibC.INSTANCE.unshare(flags));
    }

    public static void setns(int fd, int nstype, String what) {
        Syscalls.call("setns(" + what + ", " + Namespace.describe(nstype) + ")",
                () -> NsLibC.INSTANCE.setns(fd, nstype));
    }

    public static void mount(String source, String target, String type, long flags, String data) {
        Syscalls.call("mount(" + q(source) + ", " + q(target) + ", " + q(type) + ", " + mountFlags(flags)
                + ", " + q(data) + ")", () -> NsLibC.INSTANCE.mount(source, target, type, flags, data));
    }

    public static void umount2(String target, int flags) {
        Syscalls.call("umount2(" + q(target) + ", " + (flags == MNT_DETACH ? "MNT_DETACH" : flags) + ")",
                () -> NsLibC.INSTANCE.umount2(target, flags));
    }

    public static void pivotRoot(String newRoot, String putOld) {
        Syscalls.call("pivot_root(" + q(newRoot) + ", " + q(putOld) + ")",
                () -> (int) NsLibC.INSTANCE.syscall(SYS_PIVOT_ROOT, newRoot, putOld));
    }

    public static void sethostname(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        Syscalls.call("sethostname(" + q(name) + ")", () -> NsLibC.INSTANCE.sethostname(name, bytes.length));
    }

    public static void mknod(String path, int mode, int major, int minor) {
        long dev = ((long) major << 8) | minor; // makedev(3) for numbers below 256
        Syscalls.call("mknod(" + q(path) + ", 0" + Integer.toOctalString(mode) + ", makedev(" + major + ", "
                + minor + "))", () -> NsLibC.INSTANCE.mknod(path, mode, dev));
    }

    public static void kill(long pid, int signal) {
        Syscalls.call("kill(" + pid + ", " + signal + ")", () -> NsLibC.INSTANCE.kill((int) pid, signal));
    }

    /** open(2) read-only and close-on-exec: {@code O_RDONLY|O_CLOEXEC}. */
    public static int openReadOnly(String path) {
        return Syscalls.call("open(" + q(path) + ", O_RDONLY|O_CLOEXEC)", () -> NsLibC.INSTANCE.open(path, 02000000));
    }

    public static void close(int fd) {
        Syscalls.call("close(" + fd + ")", () -> NsLibC.INSTANCE.close(fd));
    }

    public static void setsid() {
        Syscalls.call("setsid()", NsLibC.INSTANCE::setsid);
    }

    private static String q(String s) {
        return s == null ? "NULL" : Syscalls.quote(s);
    }

    /** The flags by name, as strace shows them: {@code MS_REC|MS_PRIVATE}. */
    static String mountFlags(long flags) {
        StringBuilder sb = new StringBuilder();
        long rest = flags;
        String[] names = {"MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_REMOUNT", "MS_BIND", "MS_REC",
            "MS_PRIVATE", "MS_SLAVE", "MS_SHARED"};
        long[] values = {MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE,
            MS_SLAVE, MS_SHARED};
        for (int i = 0; i < names.length; i++) {
            if ((rest & values[i]) != 0) {
                sb.append(sb.length() > 0 ? "|" : "").append(names[i]);
                rest &= ~values[i];
            }
        }
        if (rest != 0 || sb.length() == 0) {
            sb.append(sb.length() > 0 ? "|" : "").append(rest);
        }
        return sb.toString();
    }
}
