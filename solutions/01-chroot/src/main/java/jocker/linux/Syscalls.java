package jocker.linux;

import com.sun.jna.LastErrorException;
import java.util.List;

/**
 * The system calls of the chapters, each one a thin wrapper over {@link LibC}
 * that throws a {@link SyscallException} naming the call, its arguments and
 * the errno: {@code chroot("/srv/x"): ENOENT (No such file or directory)}.
 */
public final class Syscalls {

    /** close_range(2) flag: mark the descriptors close-on-exec instead of closing them now. */
    public static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    private Syscalls() {
    }

    // tag::chroot[]
    public static void chroot(String path) {
        call("chroot(" + quote(path) + ")", () -> LibC.INSTANCE.chroot(path));
    }
    // end::chroot[]

    public static void chdir(String path) {
        call("chdir(" + quote(path) + ")", () -> LibC.INSTANCE.chdir(path));
    }

    public static void mkdir(String path, int mode) {
        call("mkdir(" + quote(path) + ", 0" + Integer.toOctalString(mode) + ")",
                () -> LibC.INSTANCE.mkdir(path, mode));
    }

    /**
     * Marks every descriptor from {@code first} up close-on-exec: they stay
     * usable until {@link #execve} and are gone in the new program.
     */
    public static void closeFromOnExec(int first) {
        call("close_range(" + first + ", ~0U, CLOSE_RANGE_CLOEXEC)",
                () -> LibC.INSTANCE.close_range(first, -1, CLOSE_RANGE_CLOEXEC));
    }

    /** execve(2); returns only by throwing. */
    public static void execve(String path, List<String> argv, List<String> env) {
        call("execve(" + quote(path) + ", " + argv.stream().map(Syscalls::quote).toList() + ")",
                () -> LibC.INSTANCE.execve(path, argv.toArray(String[]::new), env.toArray(String[]::new)));
    }

    /** A call that returns -1 and sets errno on failure. */
    @FunctionalInterface
    public interface Call {
        int invoke() throws LastErrorException;
    }

    /**
     * Runs {@code call}; on failure throws a {@link SyscallException} that
     * names it as {@code description}. Later chapters wrap their calls with it.
     */
    // tag::call[]
    public static int call(String description, Call call) {
        try {
            return call.invoke();
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            throw new SyscallException(description, errno, LibC.INSTANCE.strerror(errno));
        }
    }
    // end::call[]

    /** {@code "text"} with quotes and backslashes escaped, as strace shows a string. */
    public static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
