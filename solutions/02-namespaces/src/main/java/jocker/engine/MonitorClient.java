package jocker.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * How {@code jocker run -d} and jockerd reach the state directory's
 * {@link ContainerMonitor}, starting it when none runs.
 *
 * <p>The monitor is started through {@code sh -c 'java … &'}: the shell
 * exits at once, the monitor is reparented (to PID 1 or the nearest
 * subreaper) and the caller has no child left. A JVM whose child still runs
 * takes about a third of a second longer to exit, so {@code jocker run -d}
 * returns sooner; and the monitor is nobody's child that could be waited
 * for or killed with it.
 */
public final class MonitorClient {

    /** How long to wait for a monitor just started to listen before starting one more. */
    private static final Duration RELAUNCH = Duration.ofSeconds(2);
    private static final String START = "start ";
    /** When {@link #prelaunch} started a monitor, per state directory, for the next request there. */
    private static final Map<Path, Long> PRELAUNCHED = new ConcurrentHashMap<>();
    /** How long to try before saying that no monitor answers. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private MonitorClient() {
    }

    /** The monitor's socket: one per state directory and {@code --chapter}, so that each chapter's features hold. */
    static Path socket(Path root) {
        return root.resolve(name() + ".sock");
    }

    /** The longest path a UNIX socket can have: sockaddr_un's sun_path is 108 bytes, a NUL last (unix(7)). */
    static final int MAX_SOCKET_PATH = 107;

    /**
     * {@link #socket}, if a socket can be bound at its path; if the path is too
     * long, an error that says so and what to do, before any monitor is started
     * (each would fail to bind, and the client would wait for none to answer).
     */
    static Path checkedSocket(Path root) throws IOException {
        Path socket = socket(root);
        int length = socket.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            throw new IOException("the state directory's path is too long for the container monitor's socket: "
                    + socket + " is " + length + " bytes, and a UNIX socket's path at most " + MAX_SOCKET_PATH
                    + ": use a shorter --root");
        }
        return socket;
    }

    /** The file whose lock the running monitor holds. */
    static Path lockFile(Path root) {
        return root.resolve(name() + ".lock");
    }

    private static String name() {
        return Chapters.upTo() == Integer.MAX_VALUE ? "monitor" : "monitor-chapter" + Chapters.upTo();
    }

    /** What the monitor answered: {@code started}, or {@code failed} and why. */
    public record Answer(boolean started, String why) {
    }

    /**
     * Asks the monitor of {@code root} to start container {@code id},
     * starting the monitor with {@code monitorCommand} if none answers;
     * returns once the container runs, has run, or failed to start.
     */
    public static Answer start(Path root, String id, List<String> monitorCommand) throws IOException {
        List<String> lines = ask(root, START + id, monitorCommand);
        if (lines.isEmpty()) {
            throw new IOException("the container monitor of " + root + " exited without an answer: see "
                    + root.resolve("monitor.log"));
        }
        return new Answer(lines.get(0).equals("started"),
                lines.stream().skip(1).collect(Collectors.joining("\n")));
    }

    /** The monitor's {@code status}: {@code pid <pid> subreaper <true|false>}. */
    public static String status(Path root, List<String> monitorCommand) throws IOException {
        List<String> lines = ask(root, "status", monitorCommand);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /**
     * Keeps the monitor of {@code root} running, with a {@link jocker.namespaces.Zygote} ready, until the
     * returned channel is closed (or its owner dies): what jockerd does for as long as it runs, so that a
     * container it starts finds its init already started.
     */
    public static SocketChannel hold(Path root, List<String> monitorCommand) throws IOException {
        SocketChannel channel = connect(root, "hold", monitorCommand);
        try {
            if (!"held".equals(readLine(new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8))))) {
                throw new IOException("the container monitor of " + root + " refused to be held");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends {@code request} and returns the answer's lines after
     * {@code accepted}.
     */
    private static List<String> ask(Path root, String request, List<String> monitorCommand) throws IOException {
        try (SocketChannel channel = connect(root, request, monitorCommand)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    /**
     * Sends {@code request} to the monitor, starting one if none answers, and
     * returns the channel once it said {@code accepted}; the answer follows
     * on it. A monitor that closes without {@code accepted} is exiting: the
     * request goes to a new one.
     */
    private static SocketChannel connect(Path root, String request, List<String> monitorCommand) throws IOException {
        checkedSocket(root);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        Long prelaunched = PRELAUNCHED.remove(root);
        long launched = prelaunched != null ? prelaunched : 0;
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket(root)));
                Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
                out.write(request + "\n");
                out.flush();
                if (readAccepted(channel)) {
                    return channel;
                }
                // closed unanswered: that monitor is exiting, and the next one starts once it has
                channel.close();
            } catch (IOException none) {
                channel.close();
                // no monitor listens (yet)
                if (System.nanoTime() > deadline) {
                    throw new IOException("no container monitor answers on " + socket(root) + ": see "
                            + root.resolve("monitor.log"), none);
                }
                // One more while the one started last may have found the lock still held, or died.
                if (launched == 0 || System.nanoTime() - launched > RELAUNCH.toNanos()) {
                    launch(monitorCommand, request.startsWith(START) ? START.strip() : null);
                    launched = System.nanoTime();
                }
            }
            sleep();
        }
    }

    /**
     * Reads the line {@code accepted} byte by byte, so that nothing of the answer after it is taken
     * from the channel; false if the monitor closed first.
     */
    private static boolean readAccepted(SocketChannel channel) {
        byte[] expected = "accepted\n".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
        try {
            for (byte b : expected) {
                one.clear();
                if (channel.read(one) != 1 || one.get(0) != b) {
                    return false;
                }
            }
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException reset) {
            return null;
        }
    }

    /**
     * Gets the monitor of {@code root} ready for a container, without
     * waiting for it: for a client that will send it {@code start} soon and
     * has other work first. If none listens there, starts one (which starts
     * an init at once); a request in the next {@link #RELAUNCH} waits for
     * this monitor rather than start another. If one listens, asks it to
     * {@code prepare} an init now, one try: a monitor that is exiting, or
     * one of an older Jocker, leaves the container to start cold.
     */
    public static void prelaunch(Path root, List<String> monitorCommand) throws IOException {
        if (!Files.exists(checkedSocket(root))) {
            launch(monitorCommand, START.strip());
            PRELAUNCHED.put(root, System.nanoTime());
            return;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket(root)));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write("prepare\n");
            out.flush();
            readAccepted(channel); // then the monitor starts the init, and answers nothing more
        } catch (IOException notNow) {
            // no monitor after all, or one that is exiting: start finds or starts one
        }
    }

    /**
     * Starts a monitor, detached: the shell exits at once and leaves it to
     * run on (a double fork). {@code purpose}: {@code start} when it is
     * started for a container, whose init it then starts at once.
     */
    private static void launch(List<String> monitorCommand, String purpose) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" &", "sh"));
        cmd.addAll(monitorCommand);
        if (purpose != null) {
            cmd.add(purpose);
        }
        Process shell = new ProcessBuilder(cmd).redirectInput(Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        try {
            shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the container monitor", e);
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the container monitor", e);
        }
    }
}
