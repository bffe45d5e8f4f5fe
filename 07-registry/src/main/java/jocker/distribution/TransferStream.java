package jocker.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.LongConsumer;

/**
 * A blob's bytes as they arrive: counted for the progress bar, held to the
 * size the descriptor promised (a registry that sends more is cut off
 * there, not trusted to stop), and stopped when the pull was cancelled
 * (another layer failed).
 */
final class TransferStream extends FilterInputStream {

    private final long size;
    private final LongConsumer progress;
    private final Runnable atEnd;
    private final String what;
    private long count;
    private boolean ended;

    /** {@code progress} hears the bytes so far after each read; {@code atEnd} runs once at end of stream. */
    TransferStream(InputStream in, long size, LongConsumer progress, Runnable atEnd, String what) {
        super(in);
        this.size = size;
        this.progress = progress;
        this.atEnd = atEnd;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException(what + ": cancelled");
        }
        int n = super.read(buf, off, len);
        if (n < 0) {
            if (count < size) {
                throw new IOException(what + ": the registry sent " + count + " bytes, the manifest says " + size);
            }
            if (!ended) {
                ended = true;
                atEnd.run();
            }
            return n;
        }
        count += n;
        if (count > size) {
            throw new IOException(what + ": the registry sends more than the " + size + " bytes the manifest says");
        }
        progress.accept(count);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 1), 8192)]));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
