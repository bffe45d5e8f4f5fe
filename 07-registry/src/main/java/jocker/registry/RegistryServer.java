package jocker.registry;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import jocker.api.ApiServer;
import jocker.registry.auth.Access;

/**
 * A registry on a TCP port: chapter 6's HTTP server ({@link ApiServer}:
 * Netty, blocking handlers, bodies streamed with flow control) with the
 * distribution API's routes instead of the Engine API's.
 */
public final class RegistryServer {

    /** What {@code jocker registry serve} was asked for. */
    public record Options(InetSocketAddress address, Path root, Access.Options access, Path tlsCert, Path tlsKey) {
    }

    private RegistryServer() {
    }

    /** Starts serving; close the server to stop. */
    public static ApiServer start(Options options, ApiServer.ApiLog log) throws IOException {
        SslContext tls = null; // first: a bad certificate leaves no storage behind
        if (options.tlsCert() != null) {
            tls = SslContextBuilder.forServer(options.tlsCert().toFile(), options.tlsKey().toFile()).build();
        }
        Access access = Access.of(options.access());
        RegistryApi api = new RegistryApi(new RegistryStorage(options.root()), access);
        return ApiServer.listen(options.address(), tls, options.root(), api::register, log);
    }
}
