package jocker.linux;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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
    /** signal(7): the two signals Jocker sends on its own, to stop a container and to end one. */
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    // open(2) flags, from <fcntl.h>.
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 01;
    private static final int O_TRUNC = 01000;
    private static final int O_CLOEXEC = 02000000;

    /** pivot_root's number in the system call table: x86-64 and arm64. */
    private static final long SYS_PIVOT_ROOT = "aarch64".equals(Platform.ARCH) ? 41 : 155;
    /** pidfd_open(2): the same number on every architecture (it came after the tables were unified). */
    private static final long SYS_PIDFD_OPEN = 434;
    /** prctl(2) options, from {@code <linux/prctl.h>}. */
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int PR_GET_CHILD_SUBREAPER = 37;
    private static final short POLLIN = 1;

    private Kernel() {
    }

    public static void unshare(int flags) {
        Syscalls.call("unshare(" + cloneFlags(flags) + ")", () -> NsLibC.INSTANCE.unshare(flags));
    }

    public static void setns(int fd, int nstype, String what) {
        Syscalls.call("setns(" + what + ", " + cloneFlags(nstype) + ")",
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
        long dev = makedev(major, minor);
        Syscalls.call("mknod(" + q(path) + ", 0" + Integer.toOctalString(mode) + ", makedev(" + major + ", "
                + minor + "))", () -> NsLibC.INSTANCE.mknod(path, mode, dev));
    }

    public static void kill(long pid, int signal) {
        Syscalls.call("kill(" + pid + ", " + signal + ")", () -> NsLibC.INSTANCE.kill((int) pid, signal));
    }

    /**
     * kill(2) to a process that may have exited since its PID was read: ESRCH
     * (no such process) is no error then, there is nothing left to signal.
     */
    public static void killIfRunning(long pid, int signal) {
        try {
            kill(pid, signal);
        } catch (SyscallException e) {
            if (e.errno() != Errno.ESRCH.number()) {
                throw e;
            }
        }
    }

    /** open(2) read-only and close-on-exec: {@code O_RDONLY|O_CLOEXEC}. */
    public static int openReadOnly(String path) {
        return Syscalls.call("open(" + q(path) + ", O_RDONLY|O_CLOEXEC)",
                () -> NsLibC.INSTANCE.open(path, O_RDONLY | O_CLOEXEC));
    }

    /**
     * open(2) an existing file to write it anew, close-on-exec:
     * {@code O_WRONLY|O_TRUNC|O_CLOEXEC}, and no {@code O_CREAT}.
     */
    public static int openToOverwrite(String path) {
        return Syscalls.call("open(" + q(path) + ", O_WRONLY|O_TRUNC|O_CLOEXEC)",
                () -> NsLibC.INSTANCE.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC));
    }

    public static void close(int fd) {
        Syscalls.call("close(" + fd + ")", () -> NsLibC.INSTANCE.close(fd));
    }

    /** dup2(2): {@code to} becomes a copy of {@code from}, inherited across execve. */
    public static void dup2(int from, int to) {
        Syscalls.call("dup2(" + from + ", " + to + ")", () -> NsLibC.INSTANCE.dup2(from, to));
    }

    public static void setsid() {
        Syscalls.call("setsid()", NsLibC.INSTANCE::setsid);
    }

    /**
     * prctl(PR_SET_CHILD_SUBREAPER): the orphans among this process's
     * descendants become its children, not PID 1's, so that it can wait for
     * them and learn how they ended, as systemd's user manager and
     * containerd's shims do.
     */
    public static void becomeChildSubreaper() {
        Syscalls.call("prctl(PR_SET_CHILD_SUBREAPER, 1)",
                () -> CapLibC.INSTANCE.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
    }

    /** prctl(PR_GET_CHILD_SUBREAPER): whether this process is a child subreaper. */
    public static boolean isChildSubreaper() {
        try (com.sun.jna.Memory flag = new com.sun.jna.Memory(4)) {
            flag.setInt(0, 0);
            Syscalls.call("prctl(PR_GET_CHILD_SUBREAPER)",
                    () -> CapLibC.INSTANCE.prctl(PR_GET_CHILD_SUBREAPER, com.sun.jna.Pointer.nativeValue(flag), 0, 0,
                            0));
            return flag.getInt(0) != 0;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for process {@code pid} to exit, also
     * when it is not this process's child: pidfd_open(2) gives a descriptor
     * that poll(2) reports readable once the process has exited. The JDK's
     * {@code ProcessHandle.onExit()} of a process that is not a child looks
     * every 300 ms or more instead. True if it has exited (or was gone already).
     */
    public static boolean awaitExit(long pid, long timeoutMillis) {
        int fd;
        try {
            fd = Syscalls.call("pidfd_open(" + pid + ", 0)",
                    () -> (int) NsLibC.INSTANCE.syscall(SYS_PIDFD_OPEN, (int) pid, 0));
        } catch (SyscallException e) {
            if (e.errno() == Errno.ESRCH.number()) {
                return true;
            }
            throw e;
        }
        try {
            // struct pollfd { int fd; short events; short revents; }: two ints, events in the low half.
            int[] pollfd = {fd, POLLIN};
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (true) {
                int timeout = (int) Math.min(Integer.MAX_VALUE,
                        Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                try {
                    return Syscalls.call("poll(pidfd " + fd + ")", () -> NsLibC.INSTANCE.poll(pollfd, 1, timeout)) > 0;
                } catch (SyscallException e) {
                    // A signal came to this thread (a profiler's, a debugger's): poll again for the time left.
                    if (e.errno() != Errno.EINTR.number()) {
                        throw e;
                    }
                }
            }
        } finally {
            close(fd);
        }
    }

    /**
     * makedev(3): a device number as the kernel and glibc encode it. The low
     * 8 bits of the minor, then 12 bits of major, then the rest of the minor,
     * then the rest of the major; numbers below 256 look like the old 16-bit
     * {@code major << 8 | minor}, larger ones do not.
     */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** major(3): the inverse of {@link #makedev}. */
    public static long major(long dev) {
        return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
    }

    /** minor(3): the inverse of {@link #makedev}. */
    public static long minor(long dev) {
        return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
    }

    /** The CLONE_* flags by name, as strace shows them: {@code CLONE_NEWNS|CLONE_NEWPID}. */
    public static String cloneFlags(int flags) {
        return flagNames(flags, new String[] {"CLONE_NEWNS", "CLONE_NEWCGROUP", "CLONE_NEWUTS", "CLONE_NEWIPC",
            "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_FS"},
            new long[] {0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x20000000, 0x40000000, CLONE_FS});
    }

    private static String q(String s) {
        return s == null ? "NULL" : Syscalls.quote(s);
    }

    /** The flags by name, as strace shows them: {@code MS_REC|MS_PRIVATE}. */
    static String mountFlags(long flags) {
        return flagNames(flags, new String[] {"MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_REMOUNT",
            "MS_BIND", "MS_REC", "MS_PRIVATE", "MS_SLAVE", "MS_SHARED"},
            new long[] {MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE,
                MS_SLAVE, MS_SHARED});
    }

    /** The names of the bits set in {@code flags}, joined by {@code |}; what no name covers, as a number. */
    private static String flagNames(long flags, String[] names, long[] values) {
        StringBuilder sb = new StringBuilder();
        long rest = flags;
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
