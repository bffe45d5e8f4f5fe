package jocker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One request and its answer, as a handler's thread sees them: blocking
 * reads of the body, blocking writes of the answer. Netty's event loop stays
 * free: it only moves buffers ({@link ConnectionHandler}); every write here
 * is handed to it, and a writer waits while the client reads slower than
 * the handler writes.
 */
final class Exchange implements ApiRequest, ApiResponse {

    /** The most a JSON body may hold: a create request is a few KiB. */
    static final int MAX_JSON = 4 << 20;

    /** How much of a file goes into one buffer when it cannot be sent with sendfile(2) (through TLS). */
    static final int FILE_CHUNK = 64 << 10;

    private final ChannelHandlerContext ctx;
    private final ConnectionHandler connection;
    private final HttpRequest request;
    private final BodyStream body;
    private final QueryStringDecoder query;
    private final String version;
    private final String path;
    private final boolean engineApi;
    private final HttpHeaders extra = new io.netty.handler.codec.http.DefaultHttpHeaders();
    private Map<String, String> params = Map.of();
    private boolean answered;
    private int status;

    Exchange(ChannelHandlerContext ctx, ConnectionHandler connection, HttpRequest request, BodyStream body,
             ApiVersions.Versioned versioned, boolean engineApi) {
        this.ctx = ctx;
        this.connection = connection;
        this.request = request;
        this.body = body;
        this.query = new QueryStringDecoder(request.uri());
        this.version = versioned.version();
        this.path = versioned.path();
        this.engineApi = engineApi;
    }

    /** Whether this is a request to the Engine API (its version prefix, its headers), not to another API. */
    boolean engineApi() {
        return engineApi;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    void params(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    boolean answered() {
        return answered;
    }

    int status() {
        return status;
    }

    // ---- ApiRequest

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String apiVersion() {
        return version;
    }

    @Override
    public String path(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name + " in " + path);
        }
        return value;
    }

    @Override
    public String query(String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    @Override
    public List<String> queryAll(String name) {
        return List.copyOf(query.parameters().getOrDefault(name, List.of()));
    }

    @Override
    public boolean queryFlag(String name, boolean otherwise) {
        String v = query(name);
        if (v == null) {
            return otherwise;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no", "" -> false;
            default -> throw ApiException.badRequest("invalid value for " + name + ": '" + v
                    + "' (a boolean: 1, true, 0 or false)");
        };
    }

    @Override
    public long queryLong(String name, long otherwise) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value for " + name + ": '" + v + "' (a whole number)");
        }
    }

    @Override
    public Map<String, List<String>> filters() {
        String v = query("filters");
        if (v == null || v.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = Json.MAPPER.readValue(v, new TypeReference<Map<String, Object>>() { });
            Map<String, List<String>> out = new LinkedHashMap<>();
            raw.forEach((key, value) -> {
                List<String> values = new ArrayList<>();
                if (value instanceof List<?> list) {
                    list.forEach(x -> values.add(String.valueOf(x)));
                } else if (value instanceof Map<?, ?> map) { // the old form: {"label":{"a=b":true}}
                    map.forEach((x, on) -> {
                        if (Boolean.TRUE.equals(on)) {
                            values.add(String.valueOf(x));
                        }
                    });
                } else if (value != null) {
                    values.add(String.valueOf(value));
                }
                out.put(key, List.copyOf(values));
            });
            return out;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid filters: " + e.getOriginalMessage());
        }
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(request.headers().getAll(name));
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public <T> T json(Class<T> type) throws IOException {
        byte[] bytes = body.readNBytes(MAX_JSON + 1);
        if (bytes.length > MAX_JSON) {
            throw new ApiException(413, "request body too large: a JSON body may hold " + (MAX_JSON >> 20) + " MiB");
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getOriginalMessage());
        }
    }

    // ---- ApiResponse

    @Override
    public ApiResponse header(String name, String value) {
        extra.add(name, value);
        return this;
    }

    @Override
    public void json(int status, Object document) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(document);
        bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bytes[bytes.length - 1] = '\n'; // as dockerd: one document per line
        full(status, "application/json", bytes);
    }

    @Override
    public void empty(int status) throws IOException {
        full(status, null, new byte[0]);
    }

    @Override
    public void bytes(int status, String contentType, byte[] body) throws IOException {
        full(status, contentType, body);
    }

    /** Writes a whole answer of known length; to a HEAD request only its head, with the length a GET would get. */
    void full(int status, String contentType, byte[] bytes) throws IOException {
        begin(status);
        boolean head = method().equals("HEAD");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        headers(response, contentType);
        if (status != 204 && status != 304) {
            HttpUtil.setContentLength(response, bytes.length);
        }
        await(ctx.writeAndFlush(response));
        connection.finished(this, true);
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        begin(status);
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        headers(response, contentType);
        HttpUtil.setTransferEncodingChunked(response, true);
        await(ctx.writeAndFlush(response));
        return new ChunkedOut();
    }

    @Override
    public void file(int status, String contentType, Path file, long offset, long length) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            begin(status);
            boolean head = method().equals("HEAD");
            HttpResponse response = head
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status))
                    : new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
            headers(response, contentType);
            HttpUtil.setContentLength(response, length);
            write(response);
            if (head) {
                ctx.flush();
            } else if (ctx.pipeline().get(SslHandler.class) == null) {
                // sendfile(2): the kernel copies from the page cache to the socket, no byte passes the heap
                write(new DefaultFileRegion(in, offset, length));
            } else {
                copy(in, offset, length);
            }
            await(ctx.writeAndFlush(head ? Unpooled.EMPTY_BUFFER : LastHttpContent.EMPTY_LAST_CONTENT));
            connection.finished(this, true);
        }
    }

    /** A file's region as HTTP chunks of the body, for TLS, which must encrypt every byte in the JVM. */
    private void copy(FileChannel in, long offset, long length) throws IOException {
        long at = offset;
        while (at < offset + length) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, offset + length - at));
            while (buffer.hasRemaining()) {
                if (in.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("the file ended before its length");
                }
            }
            at += buffer.capacity();
            write(new DefaultHttpContent(Unpooled.wrappedBuffer(buffer.flip())));
        }
    }

    @Override
    public Hijacked hijack(boolean multiplexed) throws IOException {
        body.transferTo(OutputStream.nullOutputStream()); // docker-java sends {"Detach":false,…} first
        begin(0);
        String type = multiplexed ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream";
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        HttpResponse response;
        if (upgrade != null && upgrade.equalsIgnoreCase("tcp")) {
            response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            response.headers().set(HttpHeaderNames.UPGRADE, "tcp");
            status = 101;
        } else {
            response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            status = 200;
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().set("Api-Version", ApiVersions.CURRENT);
        response.headers().add(extra);
        CompletableFuture<BodyStream> raw = new CompletableFuture<>();
        ctx.executor().execute(() -> raw.complete(connection.takeOver(ctx, response)));
        BodyStream in;
        try {
            in = raw.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taking the connection over", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot take the connection over: " + e.getCause(), e.getCause());
        }
        connection.log(this);
        return new Hijacked() {
            private final OutputStream out = new RawOut();

            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() {
                in.close();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
            }
        };
    }

    private void begin(int status) {
        if (answered) {
            throw new IllegalStateException("the answer to " + method() + " " + path + " was already given");
        }
        answered = true;
        this.status = status;
    }

    private void headers(HttpResponse response, String contentType) {
        HttpHeaders h = response.headers();
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (engineApi) {
            h.set("Api-Version", ApiVersions.CURRENT);
            h.set("Docker-Experimental", "false");
            h.set("Ostype", "linux");
        }
        h.set(HttpHeaderNames.SERVER, "Jocker/" + SystemRoutes.version() + " (linux)");
        h.add(extra);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    }

    /** Waits for a write: the handler's thread goes no faster than the client reads. */
    private void await(ChannelFuture f) throws IOException {
        try {
            f.sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to the client", e);
        } catch (Exception e) {
            throw new IOException("the client went away: " + e.getMessage(), e);
        }
    }

    /** Writes without waiting for each buffer, but waits when the socket's queue is full. */
    private void write(Object message) throws IOException {
        if (!ctx.channel().isActive()) {
            throw new IOException("the client went away");
        }
        ChannelFuture f = ctx.write(message);
        if (!ctx.channel().isWritable()) {
            ctx.flush();
            await(f);
        }
    }

    /** A chunked body: each write is a chunk; close sends the last one. */
    private final class ChunkedOut extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the answer is closed");
            }
            if (len > 0) {
                Exchange.this.write(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
            }
        }

        @Override
        public void flush() throws IOException {
            if (!ctx.channel().isActive()) {
                throw new IOException("the client went away");
            }
            ctx.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            boolean ok = ctx.channel().isActive();
            if (ok) {
                await(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
            }
            connection.finished(Exchange.this, ok);
        }
    }

    /** The hijacked connection's output: raw bytes, no HTTP framing. */
    private final class RawOut extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                Exchange.this.write(Unpooled.copiedBuffer(b, off, len));
            }
        }

        @Override
        public void flush() throws IOException {
            if (!ctx.channel().isActive()) {
                throw new IOException("the client went away");
            }
            ctx.flush();
        }
    }
}
