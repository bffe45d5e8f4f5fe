package jocker.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * Symbolic names of the errno values a container runtime meets, from
 * {@code errno(3)} and Linux's {@code asm-generic/errno-base.h} and
 * {@code errno.h} (x86-64 numbering).
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), ENOEXEC(8),
    EBADF(9), ECHILD(10), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), ENOTBLK(15),
    EBUSY(16), EEXIST(17), EXDEV(18), ENODEV(19), ENOTDIR(20), EISDIR(21), EINVAL(22),
    ENFILE(23), EMFILE(24), ENOTTY(25), ETXTBSY(26), EFBIG(27), ENOSPC(28), ESPIPE(29),
    EROFS(30), EMLINK(31), EPIPE(32), EDOM(33), ERANGE(34), EDEADLK(35),
    ENAMETOOLONG(36), ENOLCK(37), ENOSYS(38), ENOTEMPTY(39), ELOOP(40),
    ENODATA(61), EOVERFLOW(75), EOPNOTSUPP(95), EADDRINUSE(98), ECONNREFUSED(111),
    ESTALE(116), EDQUOT(122);

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
        }
    }

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The name of {@code number}, such as {@code ENOENT}, or {@code errno 123}. */
    public static String nameOf(int number) {
        Errno e = BY_NUMBER.get(number);
        return e != null ? e.name() : "errno " + number;
    }
}
