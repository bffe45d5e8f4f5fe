package jocker.images;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jocker.engine.Locks;

/**
 * The lock between the commands that add to the store and its garbage
 * collector. A load, a build or a commit stores blobs and unpacks layers
 * before it names them in the index; a garbage collector that ran in between
 * would see them unnamed and delete them. So adders hold this lock shared,
 * from their first blob to their index entry, and the collector holds it
 * exclusively: adders run side by side, and the collector waits for them.
 *
 * <p>A record lock ({@code fcntl(2)}) works between processes and is freed
 * when its process dies, so a {@code kill -9} leaves no lock behind; within
 * one JVM the kernel counts locks per process, so threads share one file
 * lock, counted here, under a read-write lock of their own.
 */
final class StoreLock {

    private static final Map<Path, StoreLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
    private int sharedHolders;
    private FileChannel sharedChannel;
    private FileLock sharedLock;

    private StoreLock(Path file) {
        this.file = file;
    }

    static StoreLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath(), StoreLock::new);
    }

    /** Runs {@code body} holding the lock shared: adders. */
    <T> T shared(Locks.Locked<T> body) throws IOException {
        threads.readLock().lock();
        try {
            synchronized (this) {
                if (sharedHolders == 0) {
                    sharedChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE); // F_RDLCK wants a readable descriptor
                    try {
                        sharedLock = sharedChannel.lock(0, Long.MAX_VALUE, true);
                    } catch (IOException | RuntimeException e) {
                        sharedChannel.close();
                        throw e;
                    }
                }
                sharedHolders++;
            }
            try {
                return body.run();
            } finally {
                synchronized (this) {
                    if (--sharedHolders == 0) {
                        sharedLock.release();
                        sharedChannel.close();
                    }
                }
            }
        } finally {
            threads.readLock().unlock();
        }
    }

    /** Runs {@code body} holding the lock alone: the garbage collector. */
    <T> T exclusive(Locks.Locked<T> body) throws IOException {
        if (threads.isWriteLockedByCurrentThread()) {
            return body.run();
        }
        if (threads.getReadHoldCount() > 0) {
            throw new IllegalStateException("an adder cannot collect garbage: it would wait for itself");
        }
        threads.writeLock().lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock(0, Long.MAX_VALUE, false)) {
            return body.run();
        } finally {
            threads.writeLock().unlock();
        }
    }
}
