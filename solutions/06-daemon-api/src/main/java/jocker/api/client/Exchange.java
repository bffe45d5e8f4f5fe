package jocker.api.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One request on its own connection, and its answer as it arrives: the
 * status and headers first ({@link #head}), then the body, passed to a
 * {@link BodySink} piece by piece, then the end ({@link #end}). That order
 * matters to the Engine API: {@code /wait} answers its headers at once and
 * its body only when the container exits, and a hijacked attach
 * ({@code 101 UPGRADED}) is followed by the container's raw output until the
 * daemon closes the connection. Netty's {@code HttpClientCodec} does the
 * HTTP; after a 101 it passes the connection's bytes on as they come.
 * An error's body (status 400 and up) is kept for its message instead.
 */
final class Exchange extends ChannelInboundHandlerAdapter {

    private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
    private BodySink sink;
    private Channel channel;

    Exchange(BodySink sink) {
        this.sink = sink;
    }

    /** Waits for the status and headers. */
    HttpResponse head() throws IOException, InterruptedException {
        return get(head);
    }

    /** Waits for the end of the body, or of the hijacked stream. */
    void awaitEnd() throws IOException, InterruptedException {
        get(end);
    }

    /** The body of an error answer, as far as it came. */
    byte[] errorBody() {
        return errorBody.toByteArray();
    }

    /** Ends the exchange early, closing its connection. */
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                if (response.status().code() >= 400) {
                    sink = errorBody::write;
                }
                head.complete(response);
            }
            if (msg instanceof HttpContent content) {
                write(content.content());
                if (msg instanceof LastHttpContent && !upgraded()) {
                    end.complete(null);
                    ctx.close();
                }
            } else if (msg instanceof ByteBuf bytes) {
                write(bytes); // after 101: the raw stream
            }
        } catch (IOException | RuntimeException e) {
            fail(ctx, e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean upgraded() {
        return head.isDone() && head.join().status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS);
    }

    private void write(ByteBuf bytes) throws IOException {
        int n = bytes.readableBytes();
        if (n == 0) {
            return;
        }
        byte[] data = new byte[n];
        bytes.readBytes(data);
        sink.accept(data, 0, n);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IOException closed = new EOFException("the daemon closed the connection before it answered");
        head.completeExceptionally(closed);
        if (upgraded()) {
            end.complete(null); // a hijacked stream ends when the daemon closes it: the container exited
        } else {
            end.completeExceptionally(new EOFException("the daemon closed the connection inside its answer"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        head.completeExceptionally(cause);
        end.completeExceptionally(cause);
        ctx.close();
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
