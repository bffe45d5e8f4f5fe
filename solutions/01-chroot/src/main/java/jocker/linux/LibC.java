package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls Jocker needs, bound with JNA.
 *
 * <p>Each method is declared to throw {@link LastErrorException}: JNA then
 * reads {@code errno} right after the call, before the JVM can overwrite it,
 * and throws when the call returns -1. Call these through {@link Syscalls},
 * which turns that into an exception that names the call and its arguments.
 *
 * <p>The library is loaded by its full soname ({@code libc.so.6}): a short
 * name such as {@code "c"} makes JNA search for it and run
 * {@code /sbin/ldconfig -p} as a child process on every start.
 */
public interface LibC extends Library {

    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    /** chroot(2): make {@code path} the root directory of this process. */
    int chroot(String path) throws LastErrorException;

    /** chdir(2): change the working directory. */
    int chdir(String path) throws LastErrorException;

    /** mkdir(2). */
    int mkdir(String path, int mode) throws LastErrorException;

    /**
     * execve(2): replace this process's program. JNA passes a
     * {@code String[]} as a {@code char **} with the terminating NULL that
     * execve expects. Returns only on failure.
     */
    int execve(String path, String[] argv, String[] envp) throws LastErrorException;

    /** close_range(2), glibc 2.34 and later. */
    int close_range(int first, int last, int flags) throws LastErrorException;

    /** strerror(3): the message for an errno value. */
    String strerror(int errnum);
}
