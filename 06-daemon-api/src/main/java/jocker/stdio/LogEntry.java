package jocker.stdio;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One entry of a container's log: a piece of what the container wrote, on
 * which stream, and when (nanoseconds since the epoch).
 *
 * <p>On disk an entry is Docker's 8-byte stream header (the same as
 * {@code jocker.api.StreamFrames}: stream, three zero bytes, the payload's
 * size as a big-endian uint32), then the time as a big-endian int64 of
 * nanoseconds since the epoch, then the bytes themselves:
 *
 * <pre>
 * [1][0][0][0][0 0 0 3][time: 8 bytes]h i \n
 * </pre>
 *
 * Why not dockerd's json-file lines ({@code {"log":"hi\n","stream":"stdout","time":"…"}})?
 * JSON carries text, and a container writes bytes: a UTF-8 character cut in
 * two by a read, or a binary file, would come back changed. Framed bytes come
 * back exactly, and are read without a parser.
 */
public record LogEntry(int stream, long nanos, byte[] bytes) {

    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    /** The header's length: the stream header and the time. */
    public static final int HEADER = 16;

    /** The most bytes one entry carries: larger reads are cut in pieces. */
    public static final int MAX_SIZE = 1 << 20;

    public LogEntry {
        if (stream < STDIN || stream > STDERR) {
            throw new IllegalArgumentException("no such stream: " + stream);
        }
    }

    public Instant time() {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Nanoseconds since the epoch of {@code time}. */
    public static long nanos(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }

    /** The entry as it is stored. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + bytes.length); // big-endian
        buffer.put((byte) stream).put((byte) 0).put((byte) 0).put((byte) 0);
        buffer.putInt(bytes.length);
        buffer.putLong(nanos);
        buffer.put(bytes);
        return buffer.array();
    }

    // tag::decode[]
    /**
     * Reads the next entry; null at the end of the log. An entry cut short
     * (the shim is writing it right now, or died while writing it) throws
     * {@link EOFException}: a follower waits and reads it again.
     */
    public static LogEntry read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int stream = in.read();
        if (stream < 0) {
            return null;
        }
        data.readFully(new byte[3]);
        int size = data.readInt();
        long nanos = data.readLong();
        if (size < 0 || size > MAX_SIZE) {
            throw new IOException(
                    "corrupt log: an entry of " + Integer.toUnsignedString(size) + " bytes");
        }
        byte[] bytes = new byte[size];
        data.readFully(bytes);
        return new LogEntry(stream, nanos, bytes);
    }
    // end::decode[]
}
