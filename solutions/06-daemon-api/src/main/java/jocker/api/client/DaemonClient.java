package jocker.api.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HTTP to a daemon's UNIX socket, with Netty: one connection per request,
 * which is what a short-lived CLI needs (a UNIX connection costs no
 * handshake), and lets a long request ({@code /wait}, a hijacked attach)
 * run beside the others. Paths are the API's without the version prefix,
 * which {@link #versioned} adds once {@code /_ping} told the daemon's.
 */
final class DaemonClient implements AutoCloseable {

    /** The newest API version this client was written for; it asks for no more, whatever the daemon offers. */
    static final String MAX_API_VERSION = "1.41";
    /** What a daemon without an {@code Api-Version} header gets, as Docker's CLI falls back. */
    static final String FALLBACK_API_VERSION = "1.24";

    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DomainSocketAddress socket;
    private final EventLoopGroup group;
    private String apiVersion;

    /** A client of the daemon listening on {@code socket}; connects only when a request is sent. */
    DaemonClient(Path socket) {
        this.socket = new DomainSocketAddress(socket.toString());
        // daemon threads: a CLI that exits need not shut them down first
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jocker-client", true),
                EpollIoHandler.newFactory());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Ends the event loop's thread before the JVM exits. That thread waits in
     * epoll_wait(2), in native code, and a JVM that exits waits up to 0.3 s
     * for its threads in native code to come back ({@code VM_Exit}, ten
     * 10 ms waits and more), daemon threads or not: every {@code jocker -H}
     * command paid that after its last line.
     */
    private final Thread stopAtExit = new Thread(this::stop, "jocker-client-exit");

    private void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /**
     * {@code /v1.NN/…}: the lower of the daemon's version and
     * {@link #MAX_API_VERSION}, asked once with {@code HEAD /_ping}.
     */
    String versioned(String path) throws IOException, InterruptedException {
        if (apiVersion == null) {
            Exchange ping = send(HttpMethod.HEAD, "/_ping", null, null, false);
            HttpResponse head = ping.head();
            ping.close();
            String theirs = head.headers().get("Api-Version");
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
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /**
     * Sends {@code body} (null: none; else as JSON) to the versioned
     * {@code path} and returns the whole answer; an error's answer
     * (400 and up) is thrown as a {@link DaemonException}.
     */
    Answer call(HttpMethod method, String path, Object body) throws IOException, InterruptedException {
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
    Exchange stream(HttpMethod method, String path, Object body, BodySink sink, boolean hijack)
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
        int status = exchange.head().status().code();
        if (status >= 400) {
            exchange.awaitEnd();
            throw DaemonException.of(status, exchange.errorBody());
        }
        return status;
    }

    private Exchange send(HttpMethod method, String uri, Object body, BodySink sink, boolean hijack)
            throws IOException, InterruptedException {
        return send(method, uri, body, sink, hijack, Map.of());
    }

    private Exchange send(HttpMethod method, String uri, Object body, BodySink sink, boolean hijack,
            Map<String, String> headers) throws IOException, InterruptedException {
        byte[] content = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.wrappedBuffer(content));
        request.headers().set(HttpHeaderNames.HOST, "jocker")
                .set(HttpHeaderNames.USER_AGENT, "jocker")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
        headers.forEach(request.headers()::set);
        if (body != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        if (hijack) {
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                    .set(HttpHeaderNames.UPGRADE, "tcp");
        }
        Exchange exchange = new Exchange(sink);
        Channel channel;
        try {
            channel = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), exchange);
                        }
                    })
                    .connect(socket).sync().channel();
        } catch (Exception e) { // Netty rethrows the connect(2) failure, checked or not
            request.release();
            String why = e instanceof FileNotFoundException ? "no such socket" // Netty's ENOENT has no message
                    : e.getMessage() != null ? e.getMessage() : e.toString();
            throw new IOException("cannot connect to the daemon at unix://" + socket.path() + ": " + why
                    + " (is jockerd running?)", e);
        }
        channel.writeAndFlush(request);
        return exchange;
    }

    /** Text for a message: the body as UTF-8. */
    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook runs, or has run
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
