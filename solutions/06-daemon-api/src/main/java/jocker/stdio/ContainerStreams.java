package jocker.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import jocker.engine.ContainerNotFoundException;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;

/**
 * The engine's side of a container's streams, what {@code jocker logs} and
 * the daemon's logs, attach and resize endpoints call: the log read (and
 * followed), stdin and the terminal's size through the container's shim.
 */
public final class ContainerStreams {

    /** How long stdin waits for the shim of a container that is being started. */
    private static final Duration SHIM_WAIT = Duration.ofSeconds(30);

    /** How long a process that is gone may stay without a recorded exit before its shim counts as lost. */
    private static final Duration LOST_SHIM = Duration.ofSeconds(3);

    private final ContainerStore store;

    public ContainerStreams(ContainerStore store) {
        this.store = store;
    }

    /** The container's stream options; throws {@link ContainerNotFoundException} for an unknown one. */
    public StdioOptions options(String ref) throws IOException {
        return StdioOptions.of(store, store.find(ref).id());
    }

    /**
     * {@code docker logs}: the entries {@code query} asks for; with
     * {@code follow}, until the container is no longer running and all it
     * wrote has been read. A container that has not started has nothing to follow.
     */
    public void logs(String ref, LogQuery query, ContainerLog.Sink sink) throws IOException, InterruptedException {
        String id = store.find(ref).id();
        try (ContainerLog.Reader reader = ContainerLog.Reader.fromStart(ContainerLog.path(store, id))) {
            if (reader != null) {
                reader.read(query, ended(id, false), sink);
            }
        }
    }

    /**
     * {@code docker attach}: what the container writes from now on (with
     * {@code logs}: from its start), until it has ended. A container that was
     * created and not yet started is waited for: {@code docker run} attaches
     * before it starts the container, and gets everything.
     */
    public void attach(String ref, boolean logs, boolean stdout, boolean stderr, ContainerLog.Sink sink)
            throws IOException, InterruptedException {
        String id = store.find(ref).id();
        var path = ContainerLog.path(store, id);
        try (ContainerLog.Reader reader = logs ? ContainerLog.Reader.fromStart(path)
                : ContainerLog.Reader.fromEnd(path)) {
            if (reader != null) {
                reader.read(new LogQuery(true, -1, 0, 0, stdout, stderr), ended(id, true), sink);
            }
        }
    }

    /**
     * The container's stdin, through its shim, waiting for the shim of a
     * container being started; closing the stream half-closes it, which with
     * {@code StdinOnce} closes the command's stdin. Null when the container
     * ended (or was never started) before its shim listened.
     */
    public OutputStream stdin(String ref) throws IOException, InterruptedException {
        String id = store.find(ref).id();
        SocketChannel channel = awaitShim(id, "stdin");
        if (channel == null) {
            return null;
        }
        OutputStream out = Channels.newOutputStream(channel);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                out.write(data, offset, length);
            }

            @Override
            public void close() throws IOException {
                try {
                    channel.shutdownOutput(); // the shim reads what was sent, then the end
                } catch (IOException gone) {
                    // the shim has ended
                } finally {
                    channel.close();
                }
            }
        };
    }

    /** {@code docker resize}: sets the window size of the container's terminal (TIOCSWINSZ, by its shim). */
    public void resize(String ref, int rows, int columns) throws IOException {
        ContainerState state = store.find(ref);
        if (!StdioOptions.of(store, state.id()).tty()) {
            throw new IllegalStateException("container " + state.shortId() + " has no terminal (create it with -t)");
        }
        if (!state.isRunning() || !ShimSocket.exists(store.dir(state.id()))) {
            throw new IllegalStateException("container " + state.shortId() + " is not running");
        }
        try (SocketChannel channel = ShimSocket.connect(store.dir(state.id()), "resize " + rows + " " + columns)) {
            channel.shutdownOutput();
            channel.read(java.nio.ByteBuffer.allocate(1)); // the shim closes once it has resized
        }
    }

    /**
     * Connects to the shim once it listens: its socket file appears at
     * bind(2), a moment before listen(2), and one of a shim that died stays
     * behind; null if the container ended first.
     */
    private SocketChannel awaitShim(String id, String request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SHIM_WAIT.toNanos();
        BooleanSupplier ended = ended(id, true);
        while (true) {
            if (ShimSocket.exists(store.dir(id))) {
                try {
                    return ShimSocket.connect(store.dir(id), request);
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
            }
            if (ended.getAsBoolean() || System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /**
     * Whether the container has ended (or is gone); {@code waitForStart}: a
     * created one has not. Ended means its exit is recorded: the shim records
     * it after the last byte is in the log. A container whose process is gone
     * with no exit recorded (its shim was killed) counts as ended after
     * {@link #LOST_SHIM}.
     */
    private BooleanSupplier ended(String id, boolean waitForStart) {
        long[] goneSince = {0};
        return () -> {
            try {
                ContainerState state = store.read(id);
                String status = state.status();
                if (ContainerState.CREATED.equals(status)) {
                    return !waitForStart;
                }
                if (!ContainerState.RUNNING.equals(status)) {
                    return true;
                }
                if (state.isRunning()) {
                    goneSince[0] = 0;
                    return false;
                }
                if (goneSince[0] == 0) {
                    goneSince[0] = System.nanoTime();
                }
                return System.nanoTime() - goneSince[0] > LOST_SHIM.toNanos();
            } catch (ContainerNotFoundException | NoSuchFileException removed) {
                return true;
            } catch (IOException e) {
                return true;
            }
        };
    }
}
