package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls of chapter 6's terminals, bound with JNA; call them
 * through {@link Terminals}. A pseudo-terminal is a pair of character
 * devices: whatever is written to the master is what the slave reads as
 * typed keys, and what the program on the slave writes is read from the master.
 */
public interface TtyLibC extends Library {

    TtyLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, TtyLibC.class);

    /** posix_openpt(3): opens {@code /dev/ptmx}, a new master. */
    int posix_openpt(int flags) throws LastErrorException;

    /** unlockpt(3): lets the slave be opened. */
    int unlockpt(int fd) throws LastErrorException;

    /** ptsname_r(3): the slave's path, {@code /dev/pts/N}. */
    int ptsname_r(int fd, byte[] buffer, long length);

    /** open(2). */
    int open(String path, int flags) throws LastErrorException;

    /** ioctl(2) with an integer argument (TIOCSCTTY). */
    int ioctl(int fd, long request, long argument) throws LastErrorException;

    /** ioctl(2) with a {@code struct winsize}: four unsigned shorts, rows, columns, x and y pixels. */
    int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

    /** dup2(2). */
    int dup2(int from, int to) throws LastErrorException;

    /** close(2). */
    int close(int fd) throws LastErrorException;

    /** read(2). */
    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** write(2). */
    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    /** setsid(2). */
    int setsid() throws LastErrorException;

    /** syscall(2): pidfd_open and pidfd_getfd, which older glibcs do not wrap. */
    long syscall(long number, Object... args) throws LastErrorException;
}
