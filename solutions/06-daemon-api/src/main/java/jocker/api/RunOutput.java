package jocker.api;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jocker.runtime.Stdio;

/**
 * Where a build's RUN containers write through the API: a file that the
 * containers append to (their stdout and stderr are that file, given to
 * them as descriptors 1 and 2, as {@code jocker build} gives them its
 * terminal) and that is sent on to the client as {@code {"stream":…}}
 * lines while they run. A file, not a pipe, because the engine hands the
 * container a {@link Redirect}: nothing of the daemon's stands between the
 * container and what it writes, and a container that writes much never
 * waits for the client.
 */
final class RunOutput implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Path file;
    private final InputStream reader;
    private final JsonLines to;
    private final Thread follower;
    private byte[] pending = new byte[0];

    RunOutput(Path scratch, JsonLines to) throws IOException {
        this.file = Files.createTempFile(scratch, "build-output-", ".log");
        this.reader = Files.newInputStream(file);
        this.to = to;
        this.follower = new Thread(this::follow, "jockerd-build-output");
        follower.setDaemon(true);
        follower.start();
    }

    /** The containers' stdio: no input, output and errors appended to the file. */
    Stdio stdio() {
        Redirect append = Redirect.appendTo(file.toFile());
        return new Stdio(Redirect.from(new File("/dev/null")), append, append);
    }

    /** Where the containers of a quiet build ({@code docker build -q}) write: nowhere. */
    static Stdio discarded() {
        Redirect nowhere = Redirect.to(new File("/dev/null"));
        return new Stdio(Redirect.from(new File("/dev/null")), nowhere, nowhere);
    }

    private void follow() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                send();
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            // the client went away; the build's own next line fails too and stops the build
        }
    }

    /** Sends what the containers wrote since the last call, whole lines only. */
    synchronized void send() {
        try {
            byte[] more = reader.readAllBytes();
            if (more.length == 0) {
                return;
            }
            byte[] all = Arrays.copyOf(pending, pending.length + more.length);
            System.arraycopy(more, 0, all, pending.length, more.length);
            int end = lastNewline(all) + 1;
            pending = Arrays.copyOfRange(all, end, all.length);
            if (end > 0) {
                to.write(JsonMessage.stream(new String(all, 0, end, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Sends the rest, an unfinished last line too, and deletes the file. */
    @Override
    public void close() throws IOException {
        follower.interrupt();
        try {
            follower.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            send();
            synchronized (this) {
                if (pending.length > 0) {
                    to.write(JsonMessage.stream(new String(pending, StandardCharsets.UTF_8) + "\n"));
                    pending = new byte[0];
                }
            }
        } catch (UncheckedIOException e) {
            // the client went away
        } finally {
            reader.close();
            Files.deleteIfExists(file);
        }
    }
}
