package jocker.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import jocker.api.ApiServer;
import jocker.engine.Engine;

/**
 * Holds the state directory's container monitor for as long as jockerd
 * runs: the monitor then stays, and keeps one container init started in
 * advance (a {@link jocker.namespaces.Zygote}), so that {@code docker run}
 * does not wait for a JVM to start. The containers stay the monitor's
 * children, not jockerd's: they outlive a restart of the daemon. If the
 * monitor goes (killed), the next one is held as soon as it is up again.
 */
public final class MonitorHold implements DaemonService {

    private volatile boolean stopped;
    private volatile SocketChannel held;
    private Thread thread;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void start(Engine engine, Path root, ApiServer.ApiLog log) {
        thread = new Thread(() -> holdWhileRunning(engine), "monitor-hold");
        thread.setDaemon(true);
        thread.start();
    }

    private void holdWhileRunning(Engine engine) {
        ByteBuffer ignored = ByteBuffer.allocate(64);
        while (!stopped) {
            try (SocketChannel channel = engine.holdMonitor()) {
                held = channel;
                if (stopped) {
                    return;
                }
                while (channel.read(ignored.clear()) >= 0) {
                    // the monitor sends nothing: this returns when it exits
                }
            } catch (IOException e) {
                if (stopped) {
                    return;
                }
                System.err.println("jockerd: cannot hold the container monitor: " + e.getMessage());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Lets the monitor go: it exits once its last container has ended; the zygote is killed now. */
    @Override
    public void stop() {
        stopped = true;
        SocketChannel channel = held;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
