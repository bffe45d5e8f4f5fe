package jocker.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The answer a handler gives: exactly one of the methods below, once.
 * An exception the handler throws before it answered becomes the error
 * Docker would give ({@link ApiException}'s status, 404 for a missing
 * container or image, 409 for a conflict, else 500) with body
 * {@code {"message": "…"}}.
 */
public interface ApiResponse {

    /** A JSON document with {@code status} (200, 201 …), written with the API's {@code ObjectMapper}. */
    void json(int status, Object document) throws IOException;

    /** A whole body of known length, such as {@code /_ping}'s {@code OK}. */
    void bytes(int status, String contentType, byte[] body) throws IOException;

    /** A status with no body (204, 304 …). */
    void empty(int status) throws IOException;

    /**
     * {@code length} bytes of {@code file} from {@code offset} as the body,
     * with its {@code Content-Length} (a blob download, a {@code Range}'s
     * 206); to a HEAD request only the head. The bytes go from the file to the
     * socket as the client reads them: a 1 GB file takes no 1 GB of heap.
     * (This default sends the region chunked, without the length; the
     * server's own answer does as described.)
     */
    default void file(int status, String contentType, Path file, long offset, long length) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file);
                OutputStream out = stream(status, contentType)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[8192];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new java.io.EOFException(file + " ended before " + (offset + length));
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** A header to send with the answer; call before answering. */
    ApiResponse header(String name, String value);

    /**
     * Sends {@code status} and the headers at once, then a chunked body
     * written as it comes (a log that follows, /wait's late body, /events,
     * JSON progress lines, an image archive). Each {@code flush()} sends what
     * was written. Closing the stream ends the response; a client that went
     * away makes writes throw.
     */
    OutputStream stream(int status, String contentType) throws IOException;

    /**
     * Takes the connection over, as attach and exec start do: answers
     * {@code 101 UPGRADED} when the client asked for {@code Upgrade: tcp},
     * else {@code 200} with {@code application/vnd.docker.raw-stream} (or
     * {@code multiplexed-stream} when {@code multiplexed}); then the raw
     * bytes both ways. The caller closes it when the stream ends.
     */
    Hijacked hijack(boolean multiplexed) throws IOException;

    /** A connection taken over from HTTP. */
    interface Hijacked extends AutoCloseable {

        /** What the client sends (stdin); ends when the client half-closes or goes. */
        InputStream in();

        /** To the client. */
        OutputStream out();

        /** Closes the connection. */
        @Override
        void close() throws IOException;
    }

    /** The raw body of a finished answer from a stream, e.g. {@code GET /images/get}. */
    default void copy(int status, String contentType, InputStream from) throws IOException {
        try (OutputStream out = stream(status, contentType)) {
            from.transferTo(out);
        }
    }
}
