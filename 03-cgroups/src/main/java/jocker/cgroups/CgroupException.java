package jocker.cgroups;

import jocker.linux.Errno;
import jocker.linux.SyscallException;

/**
 * A cgroup operation that failed, named with the file or directory it was
 * about: {@code write "50000 100000" to /sys/fs/cgroup/jocker/c1/cpu.max: Invalid argument}.
 */
public class CgroupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the kernel refused with {@code errno}: the system call that failed is the cause. */
    public boolean hasErrno(Errno errno) {
        return getCause() instanceof SyscallException e && e.errno() == errno.number();
    }
}
