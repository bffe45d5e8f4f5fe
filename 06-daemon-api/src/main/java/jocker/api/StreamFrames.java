package jocker.api;

import java.io.IOException;
import java.io.OutputStream;
import jocker.course.Exercise;

/**
 * Docker's stream multiplexing: without a TTY, a container's stdout and
 * stderr travel on one connection (attach, logs, exec start), each piece in
 * a frame with an 8-byte header {@code [stream, 0, 0, 0, size as uint32
 * big-endian]} and then {@code size} bytes of payload. Stream 1 is stdout,
 * 2 stderr (0 stdin, for logs that record it). With a TTY there is one
 * stream, and the bytes travel raw.
 */
public final class StreamFrames {

    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    /** The header's length. */
    public static final int HEADER = 8;

    private StreamFrames() {
    }

    // tag::header[]
    /** The 8-byte header of a frame of {@code size} bytes on {@code stream}. */
    public static byte[] header(int stream, int size) {
        if (stream < STDIN || stream > STDERR) {
            throw new IllegalArgumentException(
                    "no such stream: " + stream + " (0 stdin, 1 stdout, 2 stderr)");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a frame cannot have " + size + " bytes");
        }
        // Exercise 6.1: byte 0 is the stream, bytes 1-3 are zero, bytes 4-7 the size,
        //   most significant first
        return Exercise.todo("6.1", "byte 0 is the stream, bytes 1-3 are zero, bytes 4-7 the size, most significant first");
    }
    // end::header[]

    /** Writes {@code length} bytes of {@code data} as one frame on {@code stream}, and flushes. */
    public static void write(OutputStream out, int stream, byte[] data, int offset, int length) throws IOException {
        synchronized (out) { // stdout and stderr pumps share the connection: a frame must not be split
            out.write(header(stream, length));
            out.write(data, offset, length);
            out.flush();
        }
    }
}
