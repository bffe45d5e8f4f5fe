package jocker.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * HTTP to a daemon's UNIX socket: one connection per request, which is what
 * a short-lived CLI needs (a UNIX connection costs no handshake), and lets a
 * long request ({@code /wait}, a hijacked attach) run beside the others.
 * Plain JDK sockets ({@code SocketChannel} on a {@code UnixDomainSocketAddress},
 * JDK 16 and later) and a blocking reader per request ({@link Exchange}):
 * the client only sends a request and reads one answer, which needs none of
 * Netty's event loop, and Netty's start (its classes, its native transport
 * unpacked to a file at each start) was a third of a {@code jocker -H}
 * command's time. Paths are the API's without the version prefix, which
 * {@link #versioned} adds once {@code /_ping} told the daemon's.
 */
final class DaemonClient implements AutoCloseable {

    /** The newest API version this client was written for; it asks for no more, whatever the daemon offers. */
    static final String MAX_API_VERSION = "1.41";
    /** What a daemon without an {@code Api-Version} header gets, as Docker's CLI falls back. */
    static final String FALLBACK_API_VERSION = "1.24";

    private final Path socket;
    private String apiVersion;

    /** A client of the daemon listening on {@code socket}; connects only when a request is sent. */
    DaemonClient(Path socket) {
        this.socket = socket;
    }

    /**
     * {@code /v1.NN/…}: the lower of the daemon's version and
     * {@link #MAX_API_VERSION}, asked once with {@code HEAD /_ping}.
     */
    String versioned(String path) throws IOException, InterruptedException {
        if (apiVersion == null) {
            Exchange ping = send(HttpMethod.HEAD, "/_ping", null, null, false);
            Exchange.Head head = ping.head();
            ping.close();
            String theirs = head.header("Api-Version");
            apiVersion = theirs == null ? FALLBACK_API_VERSION : lower(theirs.strip(), MAX_API_VERSION);
        }
        return "/v" + apiVersion + path;
    }

    /** The lower of two versions such as {@code 1.41}, {@code 1.9}, compared number by number. */
    static String lower(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return p < q ? a : b;
            }
        }
        return a;
    }

    /** A whole answer: its status and body. */
    record Answer(int status, byte[] body) {
        /** The body's JSON, as {@link JsonTree} reads it. */
        Object json() throws IOException {
            return JsonTree.read(body);
        }
    }

    /**
     * Sends {@code body} (null: none; else JSON) to the versioned
     * {@code path} and returns the whole answer; an error's answer
     * (400 and up) is thrown as a {@link DaemonException}.
     */
    Answer call(HttpMethod method, String path, byte[] body) throws IOException, InterruptedException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Exchange exchange = send(method, versioned(path), body, buffer::write, false);
        int status = check(exchange);
        exchange.awaitEnd();
        return new Answer(status, buffer.toByteArray());
    }

    /**
     * Sends a request whose answer is a stream, to {@code sink}: with
     * {@code hijack}, Docker's {@code Upgrade: tcp}, answered by
     * {@code 101} and then the raw connection. Returns once the status came,
     * checked; the stream goes on in the background until
     * {@link Exchange#awaitEnd}.
     */
    Exchange stream(HttpMethod method, String path, byte[] body, BodySink sink, boolean hijack)
            throws IOException, InterruptedException {
        Exchange exchange = send(method, versioned(path), body, sink, hijack);
        check(exchange);
        return exchange;
    }

    /**
     * A request without a body whose answer streams to {@code sink}, with
     * {@code headers} added ({@code X-Registry-Auth} for a pull); as
     * {@link #stream(HttpMethod, String, Object, BodySink, boolean)}.
     */
    Exchange stream(HttpMethod method, String path, Map<String, String> headers, BodySink sink)
            throws IOException, InterruptedException {
        Exchange exchange = send(method, versioned(path), null, sink, false, headers);
        check(exchange);
        return exchange;
    }

    /** The status, once it came; an error's is thrown, with the daemon's message. */
    private static int check(Exchange exchange) throws IOException, InterruptedException {
        int status = exchange.head().status();
        if (status >= 400) {
            exchange.awaitEnd();
            throw DaemonException.of(status, exchange.errorBody());
        }
        return status;
    }

    private Exchange send(HttpMethod method, String uri, byte[] body, BodySink sink, boolean hijack)
            throws IOException, InterruptedException {
        return send(method, uri, body, sink, hijack, Map.of());
    }

    private Exchange send(HttpMethod method, String uri, byte[] body, BodySink sink, boolean hijack,
            Map<String, String> headers) throws IOException, InterruptedException {
        byte[] content = body == null ? new byte[0] : body;
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(uri).append(" HTTP/1.1\r\n")
                .append("Host: jocker\r\nUser-Agent: jocker\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Type: application/json\r\n");
        }
        if (hijack) {
            request.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        }
        request.append("\r\n");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to the daemon at unix://" + socket + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()) + " (is jockerd running?)", e);
        }
        try {
            write(channel, request.toString().getBytes(StandardCharsets.ISO_8859_1));
            write(channel, content);
        } catch (IOException e) {
            channel.close();
            throw new IOException("the daemon at unix://" + socket + " closed the connection: " + e.getMessage(), e);
        }
        return Exchange.start(channel, sink, method == HttpMethod.HEAD);
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Text for a message: the body as UTF-8. */
    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).strip();
    }

    /** Nothing to release: each request's connection closes with its answer. */
    @Override
    public void close() {
    }
}
