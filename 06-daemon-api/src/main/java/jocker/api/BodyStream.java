package jocker.api;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Bytes that arrive on a connection, read by a handler's thread as a
 * blocking stream: a request's body, or after a hijack what the client
 * types. The event loop {@link #offer offers} buffers; while more than
 * {@link #HIGH_WATER} bytes wait, the connection stops reading, so that a
 * client that sends a 10 GB archive faster than it is stored cannot fill the
 * heap (TCP's, here the socket's, flow control does the rest).
 */
final class BodyStream extends InputStream {

    /** Stop reading from the socket while this much waits. */
    static final int HIGH_WATER = 1 << 20;

    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private final Runnable resume;
    private int queued;
    private boolean ended;
    private boolean paused;
    private IOException failure;

    /** {@code resume}: asks the event loop for more (it runs there, not here). */
    BodyStream(Runnable resume) {
        this.resume = resume;
    }

    /** From the event loop: more bytes. Returns whether the loop may read on now. */
    synchronized boolean offer(ByteBuf buf) {
        if (ended) {
            buf.release();
            return true;
        }
        queue.add(buf);
        queued += buf.readableBytes();
        notifyAll();
        paused = queued > HIGH_WATER;
        return !paused;
    }

    /** From the event loop: the last byte came (the body ended, the client half-closed). */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The connection broke: readers get this error once the queue is read. */
    synchronized void fail(IOException e) {
        failure = e;
        ended = true;
        notifyAll();
    }

    /** Whether the reader lags so far behind that the connection stops reading for now. */
    synchronized boolean paused() {
        return paused;
    }

    synchronized boolean ended() {
        return ended && queue.isEmpty();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean resumeNow = false;
        int n;
        synchronized (this) {
            while (queue.isEmpty() && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the client");
                }
            }
            if (queue.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            n = 0;
            while (n < len && !queue.isEmpty()) { // as much as waits: fewer, larger writes for the reader
                ByteBuf head = queue.peek();
                int take = Math.min(len - n, head.readableBytes());
                head.readBytes(b, off + n, take);
                n += take;
                if (!head.isReadable()) {
                    queue.poll().release();
                }
            }
            queued -= n;
            if (paused && queued <= HIGH_WATER / 2) {
                paused = false;
                resumeNow = true;
            }
        }
        if (resumeNow) {
            resume.run();
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return queue.isEmpty() ? 0 : queue.peek().readableBytes();
    }

    /** Frees what waits; later bytes are dropped. */
    @Override
    public synchronized void close() {
        ended = true;
        while (!queue.isEmpty()) {
            queue.poll().release();
        }
        queued = 0;
        notifyAll();
    }
}
