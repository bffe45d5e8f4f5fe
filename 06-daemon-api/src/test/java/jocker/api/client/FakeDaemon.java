package jocker.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a daemon, for testing the client alone: it listens on a
 * UNIX socket, reads each request's head and body, records its request
 * line, and lets the test's {@link Handler} write the answer, bytes as they
 * would go on the wire (canned HTTP). One thread per connection, as a
 * hijacked attach holds its connection while others come.
 */
final class FakeDaemon implements AutoCloseable {

    /** A request as it came. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        String line() {
            return method + " " + path;
        }
    }

    /** Writes the answer to a request; returning closes the connection. */
    @FunctionalInterface
    interface Handler {
        void answer(Request request, OutputStream out) throws Exception;
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Handler handler;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    FakeDaemon(Path socket, Handler handler) throws IOException {
        this.socket = socket;
        this.handler = handler;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "fake-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
        threads.add(acceptor);
    }

    /** The request lines so far ({@code POST /v1.41/containers/create}), in the order they came. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread t = new Thread(() -> serve(connection), "fake-daemon-connection");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection; InputStream in = Channels.newInputStream(connection);
             OutputStream out = Channels.newOutputStream(connection)) {
            Request request = read(in);
            requests.add(request.line());
            handler.answer(request, out);
            out.flush();
        } catch (Exception e) {
            // the client went away: nothing to answer
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request's end");
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new ConcurrentHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    /** Writes a whole answer: status, JSON body (or none for null). */
    static void answer(OutputStream out, int status, String reason, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nApi-Version: 1.41\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Thread t : threads) {
            t.interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
