package jocker.unionfs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file written, and its bytes hashed, on a thread of its own: a commit's
 * main thread reads the upper layer's files and writes the layer's
 * {@code diff/}, and hands the tar over a megabyte at a time, so that on a
 * machine of two cores the SHA-256 and the tar's writes cost it nothing.
 * What the writer thread meets, a full disk say, the next call here throws.
 */
final class HashingWriter extends OutputStream {

    private static final int CHUNK = 1 << 20;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(5);
    private final Thread writer;
    private final Path file;
    private volatile IOException failed;
    private ByteBuffer current;
    private boolean closed;

    /** Creates {@code file} (it must not exist) and starts the thread that writes it and updates {@code digest}. */
    HashingWriter(Path file, MessageDigest digest) throws IOException {
        this.file = file;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        for (int i = 0; i < 5; i++) {
            empty.add(ByteBuffer.allocate(CHUNK));
        }
        current = take(empty);
        writer = new Thread(() -> drain(channel, digest), "tar writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The writer thread: each chunk into the digest and the file, until {@link #END}. After a
     * failure it goes on taking chunks, and drops them, so that the main thread never waits on it.
     */
    private void drain(FileChannel channel, MessageDigest digest) {
        try {
            for (ByteBuffer chunk = full.take(); chunk != END; chunk = full.take()) {
                if (failed == null) {
                    digest.update(chunk.array(), 0, chunk.limit());
                    try {
                        while (chunk.hasRemaining()) {
                            channel.write(chunk);
                        }
                    } catch (IOException e) {
                        failed = new IOException("cannot write " + file + ": " + e.getMessage(), e);
                    }
                }
                chunk.clear();
                empty.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                if (failed == null) {
                    failed = new IOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        while (len > 0) {
            int n = Math.min(len, current.remaining());
            current.put(b, off, n);
            off += n;
            len -= n;
            if (!current.hasRemaining()) {
                handOver();
            }
        }
    }

    private void handOver() throws IOException {
        current.flip();
        put(current);
        current = take(empty);
        check();
    }

    /** Writes what is left, waits for the writer thread, and throws what it met. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed == null && current.position() > 0) {
                current.flip();
                put(current);
            }
            put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + file + " was written");
        }
        check();
    }

    /** The writer thread's failure, as a new exception each time: close() after a failed write throws too. */
    private void check() throws IOException {
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed.getCause());
        }
    }

    private void put(ByteBuffer chunk) throws InterruptedIOException {
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + file + " was written");
        }
    }

    private static ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a layer's tar was written");
        }
    }
}
