package jocker.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, on Netty's event loop: it never blocks. It reads
 * a request's head, hands the {@link Exchange} to a handler thread, feeds it
 * the body as it arrives (reading from the socket only while the handler
 * keeps up), and reads the next request of a keep-alive connection only
 * once the answer is sent. After a hijack (attach, exec) the HTTP codec is
 * taken out of the pipeline and bytes go both ways as they are.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private final ApiServer server;
    private BodyStream body;
    private boolean bodyDone;
    private HttpRequest request;
    private BodyStream raw;
    private boolean inputShut;

    ConnectionHandler(ApiServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (raw != null) {
            if (msg instanceof ByteBuf buf) {
                if (raw.offer(buf)) {
                    ctx.read();
                }
            } else {
                ReferenceCountUtil.release(msg);
                ctx.read();
            }
            return;
        }
        try {
            if (msg instanceof HttpRequest req) {
                if (req.decoderResult().isFailure()) {
                    reject(ctx, "malformed request: " + req.decoderResult().cause().getMessage());
                    return;
                }
                request = req;
                bodyDone = false;
                body = new BodyStream(() -> ctx.executor().execute(ctx::read));
                server.dispatch(ctx, this, req, body);
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    reject(ctx, "malformed request body: " + content.decoderResult().cause().getMessage());
                    return;
                }
                boolean more = body == null || body.offer(content.content().retain());
                if (content instanceof LastHttpContent) {
                    if (body != null) {
                        body.end();
                    }
                    bodyDone = true;
                    more = false; // the next request is read once this one is answered
                }
                if (more) {
                    ctx.read();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A read ended with a request's head and none of its body: the body comes
     * in a later segment (Go's client, the docker CLI, writes it apart), so
     * read on. Reading on after each head instead would read the next request
     * of a keep-alive connection while this one is still being answered.
     */
    /**
     * With auto-read off, nothing is read unless asked for. A read may end
     * with no whole message (half a request's head, part of a chunk's size
     * line): ask again whenever this connection still waits for bytes, that is
     * unless a request has come whole and waits for its answer, or a slow
     * handler has paused the body.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        boolean wantsMore = raw != null ? !raw.paused() : body == null || !bodyDone && !body.paused();
        if (wantsMore) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** A request HTTP cannot even parse: 400, and the connection is closed (its framing is lost). */
    private void reject(ChannelHandlerContext ctx, String why) {
        byte[] bytes = ("{\"message\":" + quote(why) + "}\n").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, bytes.length);
        server.log().debug("rejected: " + why);
        ctx.writeAndFlush(response).addListener(f -> ctx.close());
    }

    private static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            return "\"bad request\"";
        }
    }

    /**
     * From a handler thread: its answer is sent. A keep-alive connection
     * whose request was read to its end reads the next one; any other closes.
     */
    void finished(Exchange exchange, boolean ok) {
        server.log().request(exchange);
        ChannelHandlerContext ctx = exchange.context();
        ctx.executor().execute(() -> {
            if (raw != null) {
                return;
            }
            if (ok && bodyDone && !inputShut && HttpUtil.isKeepAlive(request)) {
                body = null;
                ctx.read();
            } else {
                ctx.close();
            }
        });
    }

    void log(Exchange exchange) {
        server.log().request(exchange);
    }

    /** On the event loop: answers the hijack and takes HTTP out; returns what the client will send. */
    BodyStream takeOver(ChannelHandlerContext ctx, HttpResponse response) {
        ctx.writeAndFlush(response);
        raw = new BodyStream(() -> ctx.executor().execute(ctx::read));
        // The decoder hands on what it has buffered beyond the request when it is removed: raw gets it.
        if (ctx.pipeline().get("continue") != null) {
            ctx.pipeline().remove("continue");
        }
        ctx.pipeline().remove("http");
        if (inputShut) {
            raw.end();
        } else {
            ctx.read();
        }
        return raw;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true; // the client half-closed: no more stdin, or no more requests
            if (raw != null) {
                raw.end();
            } else if (body != null && !bodyDone) {
                body.fail(new IOException("the client closed the connection before the request's end"));
            } else if (body == null) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null && !bodyDone) {
            body.fail(new IOException("the client went away"));
        }
        if (raw != null) {
            raw.end();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.log().debug("connection error: " + cause);
        ctx.close();
    }
}
