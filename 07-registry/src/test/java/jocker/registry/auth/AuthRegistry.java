package jocker.registry.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import jocker.api.ApiServer;
import jocker.registry.RegistryServer;

/**
 * Test support: a Jocker registry with access control, in the test's JVM,
 * on a free loopback port; {@link #close} stops it and removes its files.
 * The port is found before the server starts because the token realm, a
 * URL on the same server, names it.
 */
public final class AuthRegistry implements AutoCloseable {

    private final Path root;
    private final int port;
    private final ApiServer server;

    /** {@code token}: the bearer flow with its realm at {@code /token}; else Basic. */
    public AuthRegistry(Path htpasswd, boolean token) throws IOException {
        this.port = freePort();
        this.root = Files.createTempDirectory("jocker-auth-registry-");
        Access.Options access = new Access.Options(htpasswd, token ? "http://" + host() + "/token" : null,
                token ? "jocker-registry" : null);
        try {
            server = RegistryServer.start(new RegistryServer.Options(new InetSocketAddress("127.0.0.1", port), root,
                    access, null, null), new ApiServer.ApiLog(ApiServer.ApiLog.Level.ERROR,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** A loopback port nothing listens on now (the kernel picks it; it stays free unless another takes it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            delete(root);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
