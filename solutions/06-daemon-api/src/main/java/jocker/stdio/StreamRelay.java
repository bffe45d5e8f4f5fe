package jocker.stdio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jocker.engine.ContainerStore;
import jocker.engine.StdioRelay;
import jocker.runtime.Stdio;

/**
 * Chapter 6's relay, the part of podman's conmon that a shim plays: it holds
 * the container's streams, so that the daemon, which may restart, never does.
 * Without a terminal the command's stdout and stderr are pipes that the shim
 * reads into the log, entry by entry, and its stdin (with {@code OpenStdin})
 * a pipe that attached clients write through the {@link ShimSocket}. With a
 * terminal ({@link TerminalStep}) the shim holds the master instead.
 */
public final class StreamRelay implements StdioRelay {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public Optional<Session> detached(ContainerStore store, String id) throws IOException {
        StdioOptions options = StdioOptions.of(store, id);
        return Optional.of(new Detached(store, id, options));
    }

    @Override
    public Optional<Session> foreground(ContainerStore store, String id, Stdio stdio) throws IOException {
        return StdioOptions.of(store, id).tty() ? Optional.of(new ForegroundTerminal()) : Optional.empty();
    }

    /** A thread that copies until its source ends. */
    static Thread pump(String name, IoRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                System.err.println("jocker-monitor: " + name + ": " + e.getMessage());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    interface IoRunnable {
        void run() throws IOException;
    }

    /** A detached container's streams, held by its shim: into the log, stdin and resize from the socket. */
    static final class Detached implements Session, ShimSocket.Handler {

        private final ContainerStore store;
        private final String id;
        private final StdioOptions options;
        private final List<Thread> pumps = new ArrayList<>();
        private ContainerLog.Appender log;
        private ServerSocketChannel server;
        private Terminal terminal;
        private OutputStream stdin;

        Detached(ContainerStore store, String id, StdioOptions options) {
            this.store = store;
            this.id = id;
            this.options = options;
        }

        @Override
        public Stdio stdio() {
            // With a terminal, the pipes carry the handshake, then what the init says before it (an error).
            Redirect in = options.tty() || options.openStdin() ? Redirect.PIPE : Redirect.from(new File("/dev/null"));
            return new Stdio(in, Redirect.PIPE, Redirect.PIPE);
        }

        @Override
        public void started(Process init) throws IOException {
            log = new ContainerLog.Appender(ContainerLog.path(store, id));
            if (options.tty()) {
                terminal = Terminal.take(init);
            }
            if (terminal != null) {
                stdin = terminal.input();
                pumps.add(pump("relay-terminal", () -> copy(terminal.output(), LogEntry.STDOUT)));
            } else {
                stdin = options.openStdin() ? init.getOutputStream() : null;
                pumps.add(pump("relay-stdout", () -> copy(init.getInputStream(), LogEntry.STDOUT)));
            }
            pumps.add(pump("relay-stderr", () -> copy(init.getErrorStream(), LogEntry.STDERR)));
            server = ShimSocket.listen(store.dir(id));
            ShimSocket.serve(server, this);
        }

        private void copy(InputStream from, int stream) throws IOException {
            byte[] buffer = new byte[32 * 1024];
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                log.append(stream, buffer, n);
            }
        }

        @Override
        public void ended() throws InterruptedException {
            for (Thread pump : pumps) {
                pump.join();
            }
            try {
                if (server != null) {
                    server.close();
                    java.nio.file.Files.deleteIfExists(store.dir(id).resolve(ShimSocket.FILE));
                }
                if (terminal != null) {
                    terminal.close();
                }
                if (log != null) {
                    log.close();
                }
            } catch (IOException e) {
                System.err.println("jocker-monitor: " + e.getMessage());
            }
        }

        @Override
        public OutputStream stdin() {
            return stdin;
        }

        @Override
        public void stdinClosed() throws IOException {
            if (options.stdinOnce() && terminal == null) {
                stdin.close(); // the command reads end of file
            }
        }

        @Override
        public void resize(int rows, int columns) throws IOException {
            if (terminal == null) {
                throw new IOException("container " + id.substring(0, 12) + " has no terminal to resize");
            }
            terminal.resize(rows, columns);
        }
    }

    /**
     * {@code jocker run -it}, daemonless: the relay is jocker itself, between
     * the container's terminal and the user's, which it puts in raw mode
     * (every key goes to the container as typed, Ctrl-C included) and
     * restores at the end.
     */
    static final class ForegroundTerminal implements Session {

        private Terminal terminal;
        private Thread output;
        private String saved;

        @Override
        public Stdio stdio() {
            return new Stdio(Redirect.PIPE, Redirect.PIPE, Redirect.INHERIT);
        }

        @Override
        public void started(Process init) throws IOException {
            terminal = Terminal.take(init);
            if (terminal == null) {
                output = pump("relay-output", () -> init.getInputStream().transferTo(System.out));
                return;
            }
            saved = UserTerminal.rawMode();
            int[] size = UserTerminal.size();
            if (size != null) {
                terminal.resize(size[0], size[1]);
            }
            output = pump("relay-output", () -> {
                terminal.output().transferTo(new java.io.FileOutputStream(java.io.FileDescriptor.out));
            });
            pump("relay-input", () -> {
                OutputStream to = terminal.input();
                byte[] buffer = new byte[1024];
                for (int n = System.in.read(buffer); n >= 0; n = System.in.read(buffer)) {
                    to.write(buffer, 0, n);
                }
            });
        }

        @Override
        public void ended() throws InterruptedException {
            if (output != null) {
                output.join();
            }
            UserTerminal.restore(saved);
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    System.err.println("jocker: " + e.getMessage());
                }
            }
        }
    }
}
