package jocker.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jocker.engine.Chapters;
import jocker.engine.Engine;

/**
 * The Engine API over a UNIX socket: Netty's HTTP codec on its epoll
 * transport, one event-loop thread that only moves bytes, and a pool of
 * handler threads that may block (a {@code /wait} blocks until the container
 * exits, an attach for its whole life). Several clients at once: each
 * connection is served on its own, a {@code logs -f} does not hold up a
 * {@code run}.
 *
 * <p>The same server also serves other HTTP APIs ({@link #listen}): on TCP,
 * optionally with TLS, a route table given by the caller and no Engine API
 * version prefix (chapter 7's registry).
 */
public final class ApiServer implements AutoCloseable {

    /** The most requests served at once; beyond that a client gets 503 and may try again. */
    static final int MAX_HANDLERS = 512;

    private final RouteTable routes;
    private final ApiLog log;
    private final EventLoopGroup loop;
    private final ExecutorService handlers;
    private final Channel channel;
    private final Path socket;
    private final boolean engineApi;

    private ApiServer(SocketAddress address, SslContext tls, RouteTable routes, ApiLog log)
            throws InterruptedException {
        this.socket = address instanceof DomainSocketAddress unix ? Path.of(unix.path()) : null;
        this.engineApi = socket != null;
        this.routes = routes;
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(0, MAX_HANDLERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(socket != null ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec(8192, 64 << 10, 64 << 10))
                                .addLast("continue", new HttpServerExpectContinueHandler())
                                .addLast("api", new ConnectionHandler(ApiServer.this));
                    }
                });
        try {
            this.channel = bootstrap.bind(address).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.shutdownNow();
            throw e;
        }
    }

    /**
     * Serves every chapter's {@link Routes} (up to {@code --chapter}) on
     * {@code socket}, which must not exist: the caller decides what to do
     * with a stale one.
     */
    public static ApiServer start(Path socket, Path root, Engine engine, ApiLog log) throws IOException {
        RouteTable table = new RouteTable(root, engine);
        List<Routes> groups = ServiceLoader.load(Routes.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.chapter() <= Chapters.upTo())
                .sorted(Comparator.comparingInt(Routes::chapter).thenComparing(r -> r.getClass().getName()))
                .toList();
        for (Routes group : groups) {
            group.register(table);
        }
        try {
            return new ApiServer(new DomainSocketAddress(socket.toString()), null, table, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socket, e);
        }
    }

    /**
     * Serves the routes {@code routes} adds on TCP {@code address} (port 0:
     * any free port, see {@link #address()}), with TLS when {@code tls} is not
     * null. Paths are matched as they come, without the Engine API's
     * {@code /v1.NN} prefix or headers; the router's {@code engine()} is null.
     */
    public static ApiServer listen(InetSocketAddress address, SslContext tls, Path root, Consumer<Router> routes,
                                   ApiLog log) throws IOException {
        RouteTable table = new RouteTable(root, null);
        routes.accept(table);
        try {
            return new ApiServer(address, tls, table, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        }
    }

    /** The UNIX socket the Engine API listens on; null for a TCP server. */
    public Path socket() {
        return socket;
    }

    /** The TCP address a {@link #listen} server is bound to (its port when asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    ApiLog log() {
        return log;
    }

    /** From the event loop: a request's head came; a handler thread answers it. */
    void dispatch(ChannelHandlerContext ctx, ConnectionHandler connection, HttpRequest request, BodyStream body) {
        String rawPath = new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).path();
        ApiVersions.Versioned versioned = new ApiVersions.Versioned(ApiVersions.CURRENT, rawPath);
        ApiException refused = null;
        try {
            if (engineApi) {
                versioned = ApiVersions.strip(rawPath);
            }
        } catch (ApiException e) {
            refused = e;
        }
        Exchange exchange = new Exchange(ctx, connection, request, body, versioned, engineApi);
        ApiException versionError = refused;
        try {
            handlers.execute(() -> handle(exchange, versionError));
        } catch (RejectedExecutionException e) {
            ctx.close(); // more than MAX_HANDLERS at once, or shutting down
        }
    }

    private void handle(Exchange exchange, ApiException versionError) {
        try {
            if (versionError != null) {
                throw versionError;
            }
            RouteTable.Match match = routes.find(exchange.method(), exchange.path());
            if (match == null) {
                throw ApiException.notFound("page not found");
            }
            exchange.params(match.params());
            match.handler().handle(exchange, exchange);
            if (!exchange.answered()) {
                exchange.empty(204);
            }
        } catch (Throwable e) {
            int status = Errors.status(e);
            if (status == 500) {
                log.error(exchange.method() + " " + exchange.path() + ": " + e);
                log.trace(e);
            }
            if (exchange.answered()) {
                exchange.context().close(); // a stream broke midway: the client sees it end early
                return;
            }
            try {
                exchange.json(status, java.util.Map.of("message", Errors.message(e)));
            } catch (IOException | RuntimeException cannot) {
                exchange.context().close();
            }
        } finally {
            try {
                exchange.body().close();
            } catch (IOException ignored) {
                // a BodyStream's close cannot fail
            }
        }
    }

    /**
     * Stops serving: no new connection; requests in flight end with their
     * connections. Containers are not touched: they outlive the daemon.
     */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        handlers.shutdownNow();
        if (socket == null) {
            return;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.error("cannot remove " + socket + ": " + e.getMessage());
        }
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    /** jockerd's log on its stderr, at {@code --log-level}. */
    public static final class ApiLog {

        /** Levels, quietest last. */
        public enum Level { DEBUG, INFO, WARN, ERROR }

        private final Level level;
        private final PrintStream out;

        public ApiLog(Level level, PrintStream out) {
            this.level = level;
            this.out = out;
        }

        public void info(String message) {
            print(Level.INFO, message);
        }

        public void error(String message) {
            print(Level.ERROR, message);
        }

        public void debug(String message) {
            print(Level.DEBUG, message);
        }

        void trace(Throwable e) {
            if (level == Level.DEBUG) {
                e.printStackTrace(out);
            }
        }

        void request(Exchange exchange) {
            if (level == Level.DEBUG) {
                String api = exchange.engineApi() ? " (API " + exchange.apiVersion() + ")" : "";
                print(Level.DEBUG, exchange.method() + " " + exchange.path() + api + " " + exchange.status());
            }
        }

        private void print(Level at, String message) {
            if (at.compareTo(level) >= 0) {
                out.println(java.time.Instant.now() + " " + at.name().toLowerCase(java.util.Locale.ROOT) + " " + message);
            }
        }
    }

    /** For tests: how long a client may wait on the daemon before it counts as hung. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
}
