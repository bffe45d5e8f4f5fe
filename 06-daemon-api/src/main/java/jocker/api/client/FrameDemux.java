package jocker.api.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import jocker.api.StreamFrames;
import jocker.course.Exercise;

/**
 * The client's half of {@link StreamFrames}: reads the frames of an attach,
 * exec or logs stream and sends each payload where it belongs, stdout's to
 * {@code stdout}, stderr's to {@code stderr}, as Docker's {@code stdcopy}
 * does. Stream 0 (stdin, which a log may record) goes to stdout, as there.
 *
 * <p>The bytes come as the socket delivers them, in pieces of any size: a
 * header may arrive in two reads, a payload in many, one read may hold the
 * end of one frame and the start of the next. So this is a push parser that
 * keeps where it stands between calls: how much of a header it has, and how
 * many payload bytes the current frame still owes. A stream that ends
 * anywhere but between two frames lost data: {@link #finish} says so.
 */
public final class FrameDemux {

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final byte[] header = new byte[StreamFrames.HEADER];
    /** How many bytes of the next header have arrived. */
    private int headerBytes;
    /** How many payload bytes of the current frame are still to come. */
    private long owed;
    /** Where the current frame's payload goes. */
    private OutputStream target;

    public FrameDemux(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    // tag::feed[]
    /**
     * Routes the next {@code length} bytes of the stream, from
     * {@code data[offset]}; returns how many of them were payload (the rest
     * were headers). Throws for a header that names no stream.
     */
    public long feed(byte[] data, int offset, int length) throws IOException {
        long payload = 0;
        int end = offset + length;
        // Exercise 6.11: headers first (they may arrive a few bytes at a time: collect them
        //   in header),
        //   then the payload the header announced, to its stream; a frame may end anywhere in data
        return Exercise.todo("6.11", "headers first (they may arrive a few bytes at a time: collect them in header), then the payload the header announced, to its stream; a frame may end anywhere in data");
    }
    // end::feed[]

    /** Where stream number {@code stream} goes. */
    private OutputStream streamOf(int stream) throws IOException {
        return switch (stream) {
            case StreamFrames.STDIN, StreamFrames.STDOUT -> stdout;
            case StreamFrames.STDERR -> stderr;
            default -> throw new IOException("bad stream header: stream " + stream
                    + " (0 stdin, 1 stdout, 2 stderr): is this a TTY's raw stream?");
        };
    }

    /** The stream has ended: fails if it ended inside a frame. Flushes both outputs. */
    public void finish() throws IOException {
        stdout.flush();
        stderr.flush();
        if (headerBytes > 0) {
            throw new EOFException("the stream ended inside a frame header, after " + headerBytes + " of its "
                    + StreamFrames.HEADER + " bytes");
        }
        if (owed > 0) {
            throw new EOFException("the stream ended inside a frame: " + owed + " bytes of its payload missing");
        }
    }
}
