package jocker.linux;

/**
 * A failed system call, named with its arguments and the errno in words:
 * {@code chroot("/srv/x"): ENOENT (No such file or directory)}.
 */
public class SyscallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public SyscallException(String call, int errno, String description) {
        super(call + ": " + Errno.nameOf(errno) + " (" + description + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call as it was made, such as {@code chroot("/srv/x")}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
