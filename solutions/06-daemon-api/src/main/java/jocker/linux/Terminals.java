package jocker.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Chapter 6's system calls for pseudo-terminals and descriptors, with errors as {@link SyscallException}s. */
public final class Terminals {

    public static final int O_RDWR = 2;
    public static final int O_NOCTTY = 0400;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_PATH = 010000000;

    /** Makes the terminal on the descriptor the caller's controlling terminal (the caller leads a session). */
    public static final long TIOCSCTTY = 0x540E;
    /** Reads a terminal's window size. */
    public static final long TIOCGWINSZ = 0x5413;
    /** Sets a terminal's window size; the kernel sends SIGWINCH to its foreground process group. */
    public static final long TIOCSWINSZ = 0x5414;

    /** The numbers of pidfd_open(2) and pidfd_getfd(2), the same on x86-64 and arm64. */
    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;

    private static final TtyLibC LIBC = TtyLibC.INSTANCE;

    private Terminals() {
    }

    /** A new pseudo-terminal master of the {@code /dev/ptmx} seen here, close-on-exec; its slave is unlocked. */
    public static int openMaster() {
        int master = Syscalls.call("posix_openpt(O_RDWR|O_NOCTTY)", () -> LIBC.posix_openpt(O_RDWR | O_NOCTTY));
        Syscalls.call("unlockpt(" + master + ")", () -> LIBC.unlockpt(master));
        return master;
    }

    /** The path of the master's slave, {@code /dev/pts/N}. */
    public static String slaveName(int master) {
        byte[] buffer = new byte[128];
        int error = LIBC.ptsname_r(master, buffer, buffer.length);
        if (error != 0) {
            throw new SyscallException("ptsname_r(" + master + ")", error, LibC.INSTANCE.strerror(error));
        }
        int end = 0;
        while (buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    public static int open(String path, int flags) {
        return Syscalls.call("open(" + Syscalls.quote(path) + ", " + flags + ")", () -> LIBC.open(path, flags));
    }

    public static void dup2(int from, int to) {
        Syscalls.call("dup2(" + from + ", " + to + ")", () -> LIBC.dup2(from, to));
    }

    public static void close(int fd) {
        Syscalls.call("close(" + fd + ")", () -> LIBC.close(fd));
    }

    /** setsid(2); returns the new session's ID, the caller's PID. */
    public static int setsid() {
        return Syscalls.call("setsid()", LIBC::setsid);
    }

    public static void makeControllingTerminal(int fd) {
        Syscalls.call("ioctl(" + fd + ", TIOCSCTTY, 0)", () -> LIBC.ioctl(fd, TIOCSCTTY, 0L));
    }

    /** Sets the window size of the terminal on {@code fd}: {@code rows} lines of {@code columns} characters. */
    public static void setWindowSize(int fd, int rows, int columns) {
        short[] winsize = {(short) rows, (short) columns, 0, 0};
        Syscalls.call("ioctl(" + fd + ", TIOCSWINSZ, {" + rows + ", " + columns + "})",
                () -> LIBC.ioctl(fd, TIOCSWINSZ, winsize));
    }

    /** The window size of the terminal on {@code fd}: rows and columns. */
    public static int[] windowSize(int fd) {
        short[] winsize = new short[4];
        Syscalls.call("ioctl(" + fd + ", TIOCGWINSZ)", () -> LIBC.ioctl(fd, TIOCGWINSZ, winsize));
        return new int[] {Short.toUnsignedInt(winsize[0]), Short.toUnsignedInt(winsize[1])};
    }

    /**
     * A copy of descriptor {@code fd} of process {@code pid}, in this
     * process: pidfd_getfd(2), Linux 5.6. It needs the right to ptrace the
     * process, which a root parent has over its child.
     */
    public static int copyDescriptor(long pid, int fd) {
        int pidfd = (int) syscall("pidfd_open(" + pid + ")", SYS_PIDFD_OPEN, (int) pid, 0);
        try {
            return (int) syscall("pidfd_getfd(" + pid + ", " + fd + ")", SYS_PIDFD_GETFD, pidfd, fd, 0);
        } finally {
            close(pidfd);
        }
    }

    private static long syscall(String description, long number, Object... args) {
        try {
            return LIBC.syscall(number, args);
        } catch (LastErrorException e) {
            throw new SyscallException(description, e.getErrorCode(), LibC.INSTANCE.strerror(e.getErrorCode()));
        }
    }

    /** Reads into {@code buffer}; returns -1 at the end (EIO: the slave side is closed everywhere). */
    public static int read(int fd, byte[] buffer) throws IOException {
        try {
            return (int) LIBC.read(fd, buffer, buffer.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EIO.number()) {
                return -1;
            }
            if (e.getErrorCode() == Errno.EINTR.number()) {
                return 0;
            }
            throw new IOException("read(" + fd + "): " + LibC.INSTANCE.strerror(e.getErrorCode()));
        }
    }

    /** Writes all of {@code length} bytes. */
    public static void write(int fd, byte[] data, int length) throws IOException {
        byte[] rest = Arrays.copyOf(data, length);
        while (rest.length > 0) {
            long n;
            try {
                n = LIBC.write(fd, rest, rest.length);
            } catch (LastErrorException e) {
                throw new IOException("write(" + fd + "): " + LibC.INSTANCE.strerror(e.getErrorCode()));
            }
            rest = Arrays.copyOfRange(rest, (int) n, rest.length);
        }
    }
}
