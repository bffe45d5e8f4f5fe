package jocker.cgroups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import jocker.linux.CgroupLibC;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.LibC;
import jocker.linux.SyscallException;
import jocker.linux.Syscalls;

/**
 * Reading and writing cgroup interface files, the only API cgroups have
 * (Documentation/admin-guide/cgroup-v2.rst, "Interface Files").
 */
final class CgroupFiles {

    /**
     * The largest limit v1 accepts, which it also reports for "no limit":
     * {@code PAGE_COUNTER_MAX} pages, 9223372036854771712 bytes with 4 KiB
     * pages. Any value above 2^62 is no limit in practice, whatever the page size.
     */
    private static final long V1_UNLIMITED_ABOVE = 1L << 62;

    private CgroupFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CgroupException("read " + file + ": " + reason(e), e);
        }
    }

    static long readLong(Path file) {
        String text = read(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CgroupException(file + " holds " + text + ", not a number", e);
        }
    }

    /** A limit: a number, or {@link Stats#UNLIMITED} for v2's {@code max} and v1's page-counter maximum. */
    static long readLimit(Path file) {
        String text = read(file);
        if (text.equals("max")) {
            return Stats.UNLIMITED;
        }
        long value = readLong(file);
        return value > V1_UNLIMITED_ABOVE ? Stats.UNLIMITED : value;
    }

    /** A space-separated list, such as {@code cgroup.controllers}: {@code cpu memory pids}. */
    static Set<String> words(Path file) {
        String text = read(file);
        return text.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(text.split("\\s+")));
    }

    /**
     * One entry of a flat keyed file, one {@code key value} per line, such as
     * v2's {@code memory.events} or v1's {@code memory.oom_control}.
     */
    static long keyed(Path file, String key) {
        for (String line : read(file).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return Long.parseLong(kv[1]);
            }
        }
        throw new CgroupException(file + " has no line '" + key + " <number>'");
    }

    /**
     * Writes {@code value} in one write(2), as the kernel expects. Without
     * {@code O_CREAT}: a missing interface file means the controller is not
     * enabled here, and must be an error rather than a new, ignored file.
     * The exception's cause is the failed {@link SyscallException}, so that
     * a caller can tell the errors apart ({@link CgroupException#hasErrno}).
     */
    static void write(Path file, String value) {
        String path = file.toString();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try {
            int fd = Kernel.openToOverwrite(path);
            try {
                Syscalls.call("write(" + Syscalls.quote(path) + ", " + Syscalls.quote(value) + ")",
                        () -> (int) CgroupLibC.INSTANCE.write(fd, bytes, bytes.length));
            } finally {
                Kernel.close(fd);
            }
        } catch (SyscallException e) {
            throw new CgroupException("write \"" + value + "\" to " + file + ": " + reason(e), e);
        }
    }

    static void write(Path file, long value) {
        write(file, Long.toString(value));
    }

    /** The kernel's words: strerror(3) of the errno. */
    private static String reason(SyscallException e) {
        if (e.errno() == Errno.ENOENT.number()) {
            return "no such file";
        }
        if (e.errno() == Errno.EACCES.number()) {
            return "permission denied";
        }
        return LibC.INSTANCE.strerror(e.errno());
    }

    /** The kernel's words: the errno text, without the path that Java repeats in the message. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
