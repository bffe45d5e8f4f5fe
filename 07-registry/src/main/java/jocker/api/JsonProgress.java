package jocker.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jocker.distribution.Progress;
import jocker.distribution.ProgressBar;
import jocker.distribution.RegistryException;
import jocker.images.ImageException;

/**
 * A pull's or a push's {@link Progress} as the Engine API streams it: one
 * {@link JsonMessage} a line, which the docker CLI draws as Docker's bars
 * (on a terminal) or prints as plain {@code id: status} lines (not on one,
 * leaving out the lines with a bar).
 *
 * <pre>
 * {"status":"Pulling from lib/bb","id":"1"}
 * {"status":"Downloading","progressDetail":{"current":32768,"total":2097152},
 *  "progress":"[&gt;  …] 32.77kB/2.097MB","id":"3f4d90098f5b"}
 * {"status":"Pull complete","progressDetail":{},"id":"3f4d90098f5b"}
 * {"status":"Digest: sha256:…"}
 * </pre>
 *
 * The stream, and its status 200, start with the first message, as in
 * Docker's daemon: a failure before it (a tag the registry does not know,
 * a registry that does not answer) is an HTTP error, which the CLI prints
 * as {@code Error response from daemon: …}; a failure after it can only be
 * an error line, {@code {"errorDetail":{"message":…},"error":…}}.
 */
final class JsonProgress implements Progress {

    /** How often a layer's count goes out at most: 100 ms, as moby's progress reader. */
    static final long EVERY_NANOS = 100_000_000L;

    private final ApiResponse response;
    private final Map<String, Long> lastCount = new ConcurrentHashMap<>();
    private OutputStream out;
    private JsonLines lines;

    JsonProgress(ApiResponse response) {
        this.response = response;
    }

    @Override
    public void layer(String id, String status, long current, long total) {
        if (current >= 0 && current != total && !due(id + " " + status)) {
            return;
        }
        send(message(id, status, current, total));
    }

    /**
     * Whether a count of {@code key} (a layer's state) may go out now: one
     * every {@link #EVERY_NANOS} at most, as Docker's daemon sends them (a
     * count per 8 kB read was 12,000 lines for a 100 MB layer); a state's
     * first count, its last and every step without one always go.
     */
    private boolean due(String key) {
        long now = System.nanoTime();
        Long last = lastCount.get(key);
        if (last != null && now - last < EVERY_NANOS) {
            return false;
        }
        lastCount.put(key, now);
        return true;
    }

    @Override
    public void line(String text) {
        send(JsonMessage.status(text));
    }

    /** Sends {@code message}, starting the stream if it is the first; throws when the client went away. */
    synchronized void send(JsonMessage message) {
        try {
            if (lines == null) {
                out = response.stream(200, "application/json");
                lines = new JsonLines(out);
            }
            lines.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code transfer} and ends the stream (one that never started is
     * an empty 200). What it throws before the stream started is the
     * request's error, with the registry's status where it answered 403 or
     * 404 (Docker's {@code Error response from daemon: manifest for … not
     * found}); what it throws later, an error line.
     */
    void run(Transfer transfer) throws Exception {
        try {
            transfer.run();
        } catch (ImageException e) {
            if (!started()) {
                throw ImageErrors.of(e);
            }
            send(JsonMessage.error(e.getMessage()));
        } catch (ApiException e) {
            if (!started()) {
                throw e;
            }
            send(JsonMessage.error(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            if (!started()) {
                throw new ApiException(status(e), text(e), e);
            }
            send(JsonMessage.error(text(e)));
        }
        end();
    }

    private synchronized boolean started() {
        return lines != null;
    }

    private synchronized void end() throws IOException {
        if (lines == null) {
            out = response.stream(200, "application/json");
        }
        out.close();
    }

    /**
     * The registry's 404 and 403 as they are; its 401 as a 404, as Docker's
     * daemon answers it: a 401 from the daemon makes the docker CLI ask for
     * credentials on its terminal and try again, which hangs a CLI without one.
     */
    private static int status(Exception e) {
        if (e instanceof RegistryException r && (r.status() == 401 || r.status() == 403 || r.status() == 404)) {
            return r.status() == 401 ? 404 : r.status();
        }
        return 500;
    }

    private static String text(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** A pull or a push. */
    @FunctionalInterface
    interface Transfer {
        void run() throws IOException;
    }

    // tag::layer-message[]
    /**
     * The message of one layer's event: {@code progressDetail} with the
     * bytes done and the total when there is a count (a download, an
     * upload), and the bar Docker's daemon draws for it ({@link ProgressBar},
     * as the docker CLI would draw it too); {@code {}} without
     * one ({@code Waiting}, {@code Pull complete}).
     */
    static JsonMessage message(String id, String status, long current, long total) {
        if (current < 0) {
            return JsonMessage.progress(id, status, JsonMessage.ProgressDetail.NONE, null);
        }
        String bar = ProgressBar.bar(current, total);
        JsonMessage.ProgressDetail detail =
                new JsonMessage.ProgressDetail(current, total >= 0 ? total : null);
        return JsonMessage.progress(id, status, detail, bar.isEmpty() ? null : bar);
    }
    // end::layer-message[]
}
