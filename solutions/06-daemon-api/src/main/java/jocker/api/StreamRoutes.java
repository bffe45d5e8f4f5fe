package jocker.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import jocker.stdio.ContainerLog;
import jocker.stdio.ContainerStreams;
import jocker.stdio.ExecTerminals;
import jocker.stdio.LogEntry;
import jocker.stdio.LogQuery;
import jocker.stdio.LogTimes;
import jocker.stdio.StdioOptions;

/**
 * A container's streams over the Engine API: attach (the connection taken
 * over: the output as it comes, stdin as the client sends it), logs, and
 * the terminal's size. Without a TTY the output is multiplexed
 * ({@link StreamFrames}); with one, raw bytes.
 *
 * <pre>
 * POST /containers/{id}/attach?stream=1&amp;stdin=1&amp;stdout=1&amp;stderr=1&amp;logs=0
 * GET  /containers/{id}/logs?follow=1&amp;tail=10&amp;since=1732990000.5&amp;timestamps=1&amp;stdout=1&amp;stderr=1
 * POST /containers/{id}/resize?h=40&amp;w=120
 * POST /exec/{id}/resize?h=40&amp;w=120
 * </pre>
 */
public final class StreamRoutes implements Routes {

    private ContainerStreams streams;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        streams = new ContainerStreams(router.engine().store());
        router.add("POST", "/containers/{id}/attach", this::attach);
        router.add("GET", "/containers/{id}/logs", this::logs);
        router.add("POST", "/containers/{id}/resize", this::resize);
        router.add("POST", "/exec/{id}/resize", this::resizeExec);
    }

    private void attach(ApiRequest request, ApiResponse response) throws Exception {
        String id = request.path("id");
        StdioOptions options = streams.options(id);
        boolean stream = request.queryFlag("stream", false);
        boolean logs = request.queryFlag("logs", false);
        boolean stdin = request.queryFlag("stdin", false) && options.openStdin();
        boolean stdout = request.queryFlag("stdout", false);
        boolean stderr = request.queryFlag("stderr", false);
        try (ApiResponse.Hijacked connection = response.hijack(!options.tty())) {
            if (stdin) {
                forwardStdin(id, connection.in());
            }
            ContainerLog.Sink sink = output(connection.out(), options.tty(), false);
            if (stream) {
                streams.attach(id, logs, stdout, stderr, sink);
            } else if (logs) {
                streams.logs(id, new LogQuery(false, -1, 0, 0, stdout, stderr), sink);
            }
        } catch (IOException clientGone) {
            // the client closed the connection: nothing left to answer
        }
    }

    /** Copies what the client sends to the container's stdin, on a thread of its own, until the client half-closes. */
    private void forwardStdin(String id, InputStream from) {
        Thread thread = new Thread(() -> {
            try (OutputStream to = streams.stdin(id)) {
                if (to != null) {
                    from.transferTo(to);
                }
            } catch (IOException e) {
                System.err.println("jockerd: stdin of " + id + " ended: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attach-stdin-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    private void logs(ApiRequest request, ApiResponse response) throws Exception {
        String id = request.path("id");
        boolean stdout = request.queryFlag("stdout", false);
        boolean stderr = request.queryFlag("stderr", false);
        if (!stdout && !stderr) {
            throw ApiException.badRequest("Bad parameters: you must choose at least one stream");
        }
        LogQuery query;
        try {
            query = new LogQuery(request.queryFlag("follow", false), LogTimes.tail(request.query("tail")),
                    LogTimes.parse(request.query("since")), LogTimes.parse(request.query("until")), stdout, stderr);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        boolean tty = streams.options(id).tty();
        String type = tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        try (OutputStream out = response.stream(200, type)) {
            streams.logs(id, query, output(out, tty, request.queryFlag("timestamps", false)));
        } catch (IOException clientGone) {
            // a follower that went away
        }
    }

    private void resize(ApiRequest request, ApiResponse response) throws Exception {
        int[] size = size(request);
        try {
            streams.resize(request.path("id"), size[0], size[1]);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        response.empty(200);
    }

    private void resizeExec(ApiRequest request, ApiResponse response) throws Exception {
        int[] size = size(request);
        if (!ExecTerminals.resize(request.path("id"), size[0], size[1])) {
            throw ApiException.notFound("No such exec instance with a terminal: " + request.path("id"));
        }
        response.empty(200);
    }

    /** The query's {@code h} and {@code w}. */
    private static int[] size(ApiRequest request) {
        long rows = request.queryLong("h", -1);
        long columns = request.queryLong("w", -1);
        if (rows < 0 || columns < 0 || rows > 0xffff || columns > 0xffff) {
            throw ApiException.badRequest("resize needs h and w, numbers of 0 to 65535");
        }
        return new int[] {(int) rows, (int) columns};
    }

    /** Writes entries as the client reads them: frames without a TTY, raw bytes with one. */
    private static ContainerLog.Sink output(OutputStream out, boolean tty, boolean timestamps) {
        return entry -> {
            byte[] bytes = entry.bytes();
            if (timestamps) {
                byte[] time = (LogTimes.format(entry.time()) + " ").getBytes(StandardCharsets.US_ASCII);
                byte[] both = new byte[time.length + bytes.length];
                System.arraycopy(time, 0, both, 0, time.length);
                System.arraycopy(bytes, 0, both, time.length, bytes.length);
                bytes = both;
            }
            if (tty) {
                out.write(bytes);
                out.flush();
            } else {
                StreamFrames.write(out, entry.stream() == LogEntry.STDERR ? StreamFrames.STDERR : StreamFrames.STDOUT,
                        bytes, 0, bytes.length);
            }
            return true;
        };
    }
}
