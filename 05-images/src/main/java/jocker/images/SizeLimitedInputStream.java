package jocker.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import jocker.course.Exercise;

/**
 * A stream that refuses to give more than {@code limit} bytes: the defence
 * against a <em>decompression bomb</em>, a small blob that inflates to far
 * more than the disk holds (gzip reaches about 1000:1 on zeros, and zstd, or a
 * tar of sparse-looking entries, much more). Placed right after
 * the decompressor, it counts what the layer really is, whatever its blob's
 * size says.
 */
public final class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    /** Throws an {@link ImageException} naming {@code what} once more than {@code limit} bytes are read. */
    public SizeLimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    // tag::limit[]
    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        // Exercise 5.5: read from in, add what came to count, and throw an
        //   ImageException naming what and the limit once count is past limit.
        return Exercise.todo("5.5", "read from in, add what came to count, and throw an ImageException naming what and the limit once count is past limit.");
    }
    // end::limit[]

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }
}
