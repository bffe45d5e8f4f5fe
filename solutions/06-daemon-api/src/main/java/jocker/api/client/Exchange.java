package jocker.api.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One request on its own connection, and its answer as it arrives, read by
 * a thread of its own: the status and headers first ({@link #head}), then
 * the body, passed to a {@link BodySink} piece by piece, then the end
 * ({@link #awaitEnd}). That order matters to the Engine API: {@code /wait}
 * answers its headers at once and its body only when the container exits,
 * and a hijacked attach ({@code 101 UPGRADED}) is followed by the
 * container's raw output until the daemon closes the connection. The body
 * is framed as HTTP/1.1 frames it (RFC 9112, section 6): by
 * {@code Content-Length}, by chunks ({@code Transfer-Encoding: chunked},
 * how the daemon streams), or, after a 101 or without either header, by the
 * end of the connection. An error's body (status 400 and up) is kept for its
 * message instead.
 */
final class Exchange {

    /** A status line's code and the headers, their names in lower case. */
    record Head(int status, Map<String, String> headers) {
        /** A header's value, null if the answer has none; the name in any case. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Most bytes taken for an answer's status line and headers together, or
     * for one chunk-size line, or for a chunked body's trailer: a daemon that
     * sends more is not speaking HTTP, and a limit per line alone would let
     * endless headers grow the map without bound.
     */
    private static final int MAX_HEAD = 64 * 1024;

    private final CompletableFuture<Head> head = new CompletableFuture<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
    private final SocketChannel channel;
    private final boolean headRequest;
    private BodySink sink;

    private Exchange(SocketChannel channel, BodySink sink, boolean headRequest) {
        this.channel = channel;
        this.sink = sink;
        this.headRequest = headRequest;
    }

    /**
     * Reads the answer to the request just sent on {@code channel}, on a
     * daemon thread; {@code headRequest}: it was a {@code HEAD}, whose answer
     * has no body whatever its headers say.
     */
    static Exchange start(SocketChannel channel, BodySink sink, boolean headRequest) {
        Exchange exchange = new Exchange(channel, sink, headRequest);
        Thread reader = new Thread(exchange::read, "jocker-client-read");
        reader.setDaemon(true);
        reader.start();
        return exchange;
    }

    /** Waits for the status and headers. */
    Head head() throws IOException, InterruptedException {
        return get(head);
    }

    /** Waits for the end of the body, or of the hijacked stream. */
    void awaitEnd() throws IOException, InterruptedException {
        get(end);
    }

    /** The body of an error answer, as far as it came. */
    byte[] errorBody() {
        synchronized (errorBody) {
            return errorBody.toByteArray();
        }
    }

    /** Ends the exchange early, closing its connection (the reader's read fails and it ends). */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed: nothing more to read
        }
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024)) {
            Head h = readHead(in);
            if (h.status() >= 400) {
                sink = (data, offset, length) -> {
                    synchronized (errorBody) {
                        errorBody.write(data, offset, length);
                    }
                };
            }
            head.complete(h);
            String length = h.header("Content-Length");
            String encoding = h.header("Transfer-Encoding");
            if (h.status() == 101) {
                copy(in, Long.MAX_VALUE, true); // the raw stream, until the daemon closes it: the container exited
            } else if (headRequest || h.status() == 204 || h.status() == 304) {
                // no body
            } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                readChunks(in);
            } else if (length != null) {
                copy(in, parseLength(length), false);
            } else {
                copy(in, Long.MAX_VALUE, true);
            }
            end.complete(null);
        } catch (IOException | RuntimeException e) {
            head.completeExceptionally(
                    e instanceof EOFException ? new EOFException("the daemon closed the connection before it answered")
                            : e);
            end.completeExceptionally(e instanceof EOFException
                    ? new EOFException("the daemon closed the connection inside its answer") : e);
        } finally {
            close();
        }
    }

    private static Head readHead(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD};
        String status = line(in, budget);
        // HTTP/1.1 200 OK
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer from the daemon: '" + status + "'");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status from the daemon: '" + status + "'", e);
        }
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in, budget); !header.isEmpty(); header = line(in, budget)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
        }
        return new Head(code, headers);
    }

    /** Each chunk's data to the sink, until the last (size 0) and its trailer. */
    private void readChunks(InputStream in) throws IOException {
        while (true) {
            String size = line(in, new int[] {MAX_HEAD});
            int semicolon = size.indexOf(';'); // chunk extensions: none that matter here
            long n;
            try {
                n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("a bad chunk size from the daemon: '" + size + "'", e);
            }
            if (n == 0) {
                int[] trailer = {MAX_HEAD};
                while (!line(in, trailer).isEmpty()) {
                    // trailer fields: none that matter here
                }
                return;
            }
            copy(in, n, false);
            if (!line(in, new int[] {MAX_HEAD}).isEmpty()) {
                throw new IOException("a chunk from the daemon does not end where its size says");
            }
        }
    }

    /** Up to {@code n} bytes to the sink; the end of the stream before them fails unless {@code toEnd}. */
    private void copy(InputStream in, long n, boolean toEnd) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        while (n > 0) {
            int got = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (got < 0) {
                if (toEnd) {
                    return;
                }
                throw new EOFException();
            }
            if (got > 0 && sink != null) {
                sink.accept(buffer, 0, got);
            }
            n -= got;
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("a bad Content-Length from the daemon: '" + value + "'", e);
        }
    }

    /**
     * One line, without its CRLF (or a bare LF); the end of the stream before
     * it is an EOFException. Each byte read, the LF included, is taken from
     * {@code budget[0]}; none left is an error.
     */
    private static String line(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (--budget[0] <= 0) {
                throw new IOException("an answer's head or chunk line over " + MAX_HEAD + " bytes from the daemon");
            }
            line.append((char) c);
        }
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    private static <T> T get(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }
}
