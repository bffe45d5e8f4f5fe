package jocker.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import jocker.api.ApiServer;
import jocker.registry.RegistryServer;
import jocker.registry.auth.Access;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jocker registry serve}: serves the OCI distribution API until killed. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve a registry (OCI distribution API).")
public final class RegistryServeCommand implements Callable<Integer> {

    @Option(names = "--addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5000",
            description = "Address to listen on; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private String addr;

    @Option(names = "--root", defaultValue = "/var/lib/jocker-registry",
            description = "Where blobs, manifests and tags are stored (default: ${DEFAULT-VALUE}).")
    private Path root;

    @Option(names = "--htpasswd", paramLabel = "FILE", description = "Basic auth with this bcrypt htpasswd file.")
    private Path htpasswd;

    @Option(names = "--token-realm", paramLabel = "URL", description = "Bearer tokens from this realm (served here).")
    private String tokenRealm;

    @Option(names = "--token-service", paramLabel = "NAME", description = "The service name tokens are for.")
    private String tokenService;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "TLS certificate chain (PEM).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "TLS private key (PEM, PKCS#8).")
    private Path tlsKey;

    @Option(names = "--log-level", defaultValue = "info",
            description = "debug (a line per request), info, warn, error.")
    private String logLevel;

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            System.err.println("jocker registry serve: --tls-cert and --tls-key go together");
            return 2;
        }
        InetSocketAddress address;
        try {
            address = address(addr);
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            System.err.println("jocker registry serve: --addr wants HOST:PORT (127.0.0.1:5000), not '" + addr + "'");
            return 2;
        }
        ApiServer.ApiLog log = new ApiServer.ApiLog(
                ApiServer.ApiLog.Level.valueOf(logLevel.toUpperCase(Locale.ROOT)), System.err);
        boolean open = htpasswd == null && tokenRealm == null;
        if (!address.getAddress().isLoopbackAddress() && (tlsCert == null || open)) {
            log.info("warning: serving " + address + " beyond this machine " + (tlsCert == null
                    ? "over plain HTTP (passwords and images travel in the clear)" : "")
                    + (open ? " to anyone (no --htpasswd or --token-realm)" : ""));
        }
        Access.Options access = new Access.Options(htpasswd, tokenRealm, tokenService);
        ApiServer started;
        try {
            started = RegistryServer.start(new RegistryServer.Options(address, root, access, tlsCert, tlsKey), log);
        } catch (Exception e) { // a port in use, a certificate that is no PEM, a root that cannot be written
            System.err.println("jocker registry serve: cannot serve " + addr + " from " + root + ": " + e.getMessage());
            return 1;
        }
        try (ApiServer server = started) {
            InetSocketAddress bound = server.address();
            System.out.println("listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                    + (tlsCert != null ? " (TLS)" : ""));
            System.out.flush();
            server.awaitClose();
        }
        return 0;
    }

    /** {@code HOST:PORT} ({@code [::1]:PORT} for IPv6). */
    static InetSocketAddress address(String addr) throws java.net.UnknownHostException {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no port in " + addr);
        }
        String host = addr.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(addr.substring(colon + 1));
        return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "0.0.0.0" : host), port);
    }
}
