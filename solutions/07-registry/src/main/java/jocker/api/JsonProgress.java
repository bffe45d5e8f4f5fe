package jocker.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import jocker.distribution.Progress;
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
 * {"status":"Downloading","progressDetail":{"current":32768,"total":2097152},"progress":"[&gt;  …] 32.77kB/2.097MB","id":"3f4d90098f5b"}
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

    private final ApiResponse response;
    private OutputStream out;
    private JsonLines lines;

    JsonProgress(ApiResponse response) {
        this.response = response;
    }

    @Override
    public void layer(String id, String status, long current, long total) {
        send(message(id, status, current, total));
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
     * request's error, with the registry's status where it answered 401, 403
     * or 404 (Docker's {@code Error response from daemon: manifest for … not
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

    private static int status(Exception e) {
        if (e instanceof RegistryException r && (r.status() == 401 || r.status() == 403 || r.status() == 404)) {
            return r.status();
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

    /**
     * The message of one layer's event: {@code progressDetail} with the
     * bytes done and the total when there is a count (a download, an
     * upload), and the bar Docker's daemon draws for it; {@code {}} without
     * one ({@code Waiting}, {@code Pull complete}).
     */
    static JsonMessage message(String id, String status, long current, long total) {
        if (current < 0) {
            return JsonMessage.progress(id, status, JsonMessage.ProgressDetail.NONE, null);
        }
        return JsonMessage.progress(id, status,
                new JsonMessage.ProgressDetail(current, total >= 0 ? total : null), bar(current, total));
    }

    /**
     * Docker's bar: 50 columns, one {@code =} per 2 %, then the sizes
     * ({@code [==>   …]  1.049MB/2.097MB}); the size alone without a total.
     */
    static String bar(long current, long total) {
        if (total <= 0) {
            return String.format("%8s", humanSize(current));
        }
        int filled = (int) Math.min(50, current * 100 / total / 2);
        String box = "[" + "=".repeat(filled) + ">" + " ".repeat(50 - filled) + "] ";
        String numbers = current > total ? String.format("%8s", humanSize(current))
                : String.format("%8s/%s", humanSize(current), humanSize(total));
        return box + numbers;
    }

    /** Sizes as Docker writes them: decimal units, four significant digits ({@code 2.097MB}, {@code 512B}). */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < units.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros();
        return rounded.toPlainString() + units[unit];
    }
}
