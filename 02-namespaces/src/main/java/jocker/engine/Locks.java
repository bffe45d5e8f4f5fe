package jocker.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on files of the state directory, held across processes:
 * the CLI, the monitor of detached containers and (from chapter 6) the daemon
 * all change the same files. A record lock ({@code fcntl(2)} F_SETLKW, what
 * {@link FileChannel#lock()} takes) is released by the kernel when its
 * process dies, so a {@code kill -9} never leaves one behind. The kernel
 * counts such locks per process, not per thread, so threads of one JVM
 * also queue on a lock of their own first.
 */
public final class Locks {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private Locks() {
    }

    /** Something to do while holding the lock. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code body} holding the lock on {@code file} (made if missing). */
    public static <T> T holding(Path file, Locked<T> body) throws IOException {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath(), f -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return body.run();
        } finally {
            local.unlock();
        }
    }
}
