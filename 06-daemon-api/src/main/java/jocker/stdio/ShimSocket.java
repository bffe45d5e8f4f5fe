package jocker.stdio;

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
import jocker.linux.Terminals;

/**
 * The UNIX socket a chapter-6 shim listens on, {@code shim.sock} in the
 * container's directory: how the daemon reaches the container's stdin and
 * terminal, which only the shim holds. A client sends one line first:
 * {@code stdin}, then the bytes for the container's stdin until it
 * half-closes; or {@code resize ROWS COLUMNS}.
 *
 * <p>A socket's path may have at most 107 bytes, and a container's directory
 * under a deep state root is longer. As podman's conmon does, both sides name
 * it through a descriptor of the directory: {@code /proc/self/fd/N/shim.sock}.
 */
public final class ShimSocket {

    static final String FILE = "shim.sock";

    private ShimSocket() {
    }

    /** Listens at {@code shim.sock} in {@code dir}. */
    public static ServerSocketChannel listen(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        int fd = Terminals.open(dir.toString(), Terminals.O_PATH | Terminals.O_DIRECTORY | Terminals.O_CLOEXEC);
        try {
            server.bind(UnixDomainSocketAddress.of("/proc/self/fd/" + fd + "/" + FILE));
        } catch (IOException e) {
            server.close();
            throw e;
        } finally {
            Terminals.close(fd);
        }
        return server;
    }

    /** Connects to the shim of the container in {@code dir} and sends the first line. */
    public static SocketChannel connect(Path dir, String line) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        int fd = Terminals.open(dir.toString(), Terminals.O_PATH | Terminals.O_DIRECTORY | Terminals.O_CLOEXEC);
        try {
            channel.connect(UnixDomainSocketAddress.of("/proc/self/fd/" + fd + "/" + FILE));
            Channels.newOutputStream(channel).write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            channel.close();
            throw e;
        } finally {
            Terminals.close(fd);
        }
        return channel;
    }

    /** Whether the shim of the container in {@code dir} listens. */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /** Reads the first line a client sent, byte by byte: what follows is the client's data. */
    static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.length() > 100) {
                throw new IOException("a shim client sent no request line");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** What a shim does for its clients. */
    interface Handler {
        /** The container's stdin, to write; null when it has none (no OpenStdin). */
        OutputStream stdin();

        /** The client closed its stdin. */
        void stdinClosed() throws IOException;

        /** Sets the terminal's size. */
        void resize(int rows, int columns) throws IOException;
    }

    /** Serves the clients of {@code server} on a thread each, until the server is closed. */
    static void serve(ServerSocketChannel server, Handler handler) {
        Thread accepter = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    Thread t = new Thread(() -> handle(client, handler), "shim-client");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "shim-accept");
        accepter.setDaemon(true);
        accepter.start();
    }

    private static void handle(SocketChannel client, Handler handler) {
        try (client) {
            InputStream in = Channels.newInputStream(client);
            String[] request = firstLine(in).split(" ");
            if (request[0].equals("resize") && request.length == 3) {
                handler.resize(Integer.parseInt(request[1]), Integer.parseInt(request[2]));
            } else if (request[0].equals("stdin") && handler.stdin() != null) {
                OutputStream stdin = handler.stdin();
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    stdin.write(buffer, 0, n);
                    stdin.flush();
                }
                handler.stdinClosed();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker-monitor: a client's request failed: " + e);
        }
    }
}
