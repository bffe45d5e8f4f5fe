package jocker.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port that cuts one connection once: when
 * the bytes sent towards the server, over all connections, pass
 * {@code cutAfter}, the connection that carries them is closed on both
 * sides, as a network that fails midway would.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long cutAfter;
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    DroppingProxy(int targetPort, long cutAfter) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfter = cutAfter;
        Thread accept = new Thread(this::accept, "dropping-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String domain() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Whether it cut a connection. */
    boolean cut() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (towardsServer && upstream.addAndGet(n) > cutAfter && cut.compareAndSet(false, true)) {
                        from.close();
                        to.close();
                        return;
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException closed) {
                // the other direction closed it
            } finally {
                close(from);
                close(to);
            }
        }, "dropping-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(DroppingProxy::close);
    }
}
