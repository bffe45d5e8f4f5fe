package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls of chapter 2, bound with JNA like chapter 1's
 * {@link jocker.linux.LibC}; call them through {@link Kernel}.
 */
public interface NsLibC extends Library {

    NsLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, NsLibC.class);

    /** unshare(2): move the calling thread into new namespaces. */
    int unshare(int flags) throws LastErrorException;

    /** setns(2): move the calling thread into the namespace that {@code fd} refers to. */
    int setns(int fd, int nstype) throws LastErrorException;

    /** mount(2). {@code source}, {@code type} and {@code data} may be null. */
    int mount(String source, String target, String type, long flags, String data) throws LastErrorException;

    /** umount2(2). */
    int umount2(String target, int flags) throws LastErrorException;

    /** sethostname(2): the hostname of the calling process's UTS namespace. */
    int sethostname(String name, long length) throws LastErrorException;

    /** mknod(2): make a device file. */
    int mknod(String path, int mode, long dev) throws LastErrorException;

    /** kill(2). */
    int kill(int pid, int signal) throws LastErrorException;

    /** setsid(2): start a new session, away from the terminal. */
    int setsid() throws LastErrorException;

    /** open(2), for a namespace file to hand to setns. */
    int open(String path, int flags) throws LastErrorException;

    /** close(2). */
    int close(int fd) throws LastErrorException;

    /** dup2(2): a zygote's stdin made the file its caller's stdin is. */
    int dup2(int oldfd, int newfd) throws LastErrorException;

    /** poll(2), of {@code nfds} {@code struct pollfd}s packed two ints each: fd, then events | revents << 16. */
    int poll(int[] fds, long nfds, int timeout) throws LastErrorException;

    /** syscall(2): for pivot_root, which glibc does not wrap. */
    long syscall(long number, Object... args) throws LastErrorException;
}
