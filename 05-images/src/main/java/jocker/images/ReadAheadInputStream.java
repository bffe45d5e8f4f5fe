package jocker.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads {@code source} in a thread of its own, a few chunks ahead of the
 * reader: decompressing and hashing a layer run on one core while the
 * other makes its files, as {@code tar -xz} runs gzip in a second process.
 * An exception of the source (a bad digest, a layer over the size limit)
 * is thrown to the reader, in order, after the bytes that came before it.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS_AHEAD = 8;

    /** What the thread hands over: bytes, or the end, or the failure it met. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
    }

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread thread;
    private Chunk current = new Chunk(new byte[0], 0, null);
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        thread = new Thread(() -> fill(source), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(InputStream source) {
        try {
            while (true) {
                byte[] bytes = new byte[CHUNK];
                int n = source.readNBytes(bytes, 0, CHUNK);
                if (n == 0) {
                    queue.put(new Chunk(null, -1, null));
                    return;
                }
                queue.put(new Chunk(bytes, n, null));
            }
        } catch (InterruptedException closed) {
            // the reader is done with it
        } catch (Throwable e) {
            try {
                queue.put(new Chunk(null, -1, e));
            } catch (InterruptedException closed) {
                // the reader is done with it
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == current.length()) {
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, buf, off, n);
        position += n;
        return n;
    }

    private void next() throws IOException {
        try {
            current = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a layer");
        }
        position = 0;
        if (current.failure() != null) {
            ended = true;
            rethrow(current.failure());
        }
        if (current.length() < 0) {
            ended = true;
            current = new Chunk(new byte[0], 0, null);
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IOException(failure);
    }

    /** Stops the thread; the source stays open for its owner to close. */
    @Override
    public void close() throws IOException {
        thread.interrupt();
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
