package jocker.api.client;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.engine.ContainerEngine;
import jocker.engine.ContainerSummary;
import jocker.engine.CreateRequest;
import jocker.runtime.Stdio;
import jocker.security.UserIds;

/**
 * The engine of {@code jocker -H}: each call is an Engine API request to a
 * daemon, the same requests Docker's CLI sends (design notes, section 5),
 * so that {@code jocker} drives {@code jockerd}, or a dockerd.
 */
public final class RemoteEngine implements ContainerEngine, AutoCloseable {

    /** The newest Engine API version this client speaks; it asks a newer daemon for this one. */
    public static final String API_VERSION = DaemonClient.MAX_API_VERSION;

    /** How long {@code runAttached} lets a stopped jocker's container stop, as the local engine does. */
    private static final Duration STOP_ON_EXIT = Duration.ofSeconds(10);

    private final DaemonClient client;
    /** Containers this engine created with {@code --rm}: their foreground run waits for the removal. */
    private final Set<String> autoRemoved = new HashSet<>();

    /** An engine for the daemon at {@code host}: {@code unix:///PATH}, the one transport there is. */
    public static RemoteEngine connect(String host) {
        if (!host.startsWith("unix://") || host.length() <= "unix://".length()) {
            throw new IllegalArgumentException("-H " + host + ": only unix:///PATH/TO/SOCKET is supported");
        }
        return new RemoteEngine(Path.of(host.substring("unix://".length())));
    }

    public RemoteEngine(Path socket) {
        this.client = new DaemonClient(socket);
    }

    @Override
    public String create(CreateRequest request) throws IOException {
        String query = request.name() == null ? "" : "?name=" + encode(request.name());
        Object answer = call(HttpMethod.POST, "/containers/create" + query, ContainerCreateBody.of(request).json())
                .json();
        String id = JsonTree.text(JsonTree.at(answer, "Id"), "");
        for (Object warning : JsonTree.array(JsonTree.at(answer, "Warnings"))) {
            System.err.println("WARNING: " + warning);
        }
        if (request.autoRemove()) {
            autoRemoved.add(id);
        }
        return id;
    }

    @Override
    public void start(String id) throws IOException {
        call(HttpMethod.POST, "/containers/" + encode(id) + "/start", null);
    }

    // tag::run[]
    /**
     * {@code run} in the foreground, in Docker's order: attach first
     * (hijacked: {@code 101}, then the container's frames), then {@code wait}
     * (its headers come at once, so the daemon is watching before the
     * container can exit), then {@code start}. The daemon closes the attach
     * when the container exits; the wait's body has its status.
     */
    @Override
    public int runAttached(String id, Stdio stdio) throws IOException, InterruptedException {
        FrameDemux demux = new FrameDemux(output(stdio.out(), System.out),
                output(stdio.err(), System.err));
        String path = "/containers/" + encode(id);
        Exchange attach = client.stream(HttpMethod.POST, path + "/attach?stream=1&stdout=1&stderr=1",
                null, demux::feed, true);
        StatusSink status = new StatusSink();
        String condition = autoRemoved.contains(id) ? "removed" : "next-exit";
        Exchange wait = client.stream(HttpMethod.POST, path + "/wait?condition=" + condition, null,
                status, false);
        Thread stopOnExit = new Thread(() -> stopQuietly(id), "jocker-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            start(id);
            attach.awaitEnd();
            demux.finish();
            wait.awaitEnd();
            return status.exitStatus();
        } finally {
            attach.close();
            wait.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the container
            }
        }
    }
    // end::run[]

    @Override
    public void stop(String ref, Duration timeout) throws IOException {
        call(HttpMethod.POST, "/containers/" + encode(ref) + "/stop?t=" + timeout.toSeconds(), null);
    }

    @Override
    public void kill(String ref, int signal) throws IOException {
        call(HttpMethod.POST, "/containers/" + encode(ref) + "/kill?signal=" + signal, null);
    }

    @Override
    public void remove(String ref, boolean force) throws IOException {
        call(HttpMethod.DELETE, "/containers/" + encode(ref) + (force ? "?force=1" : ""), null);
    }

    // tag::exec[]
    /** {@code exec}: create the exec, start it hijacked as an attach, then ask for its exit code. */
    @Override
    public int exec(String ref, List<String> command, List<String> env, String workdir, UserIds user, Stdio stdio)
            throws IOException, InterruptedException {
        ExecCreateBody body = new ExecCreateBody(true, true, false, command, env.isEmpty() ? null : env, workdir,
                user == null ? null : user.uid() + ":" + user.gid());
        String exec = JsonTree.text(JsonTree.at(
                call(HttpMethod.POST, "/containers/" + encode(ref) + "/exec", body.json()).json(), "Id"), "");
        FrameDemux demux = new FrameDemux(output(stdio.out(), System.out), output(stdio.err(), System.err));
        Exchange started = client.stream(HttpMethod.POST, "/exec/" + exec + "/start", new ExecStartBody(false, false).json(),
                demux::feed, true);
        started.awaitEnd();
        demux.finish();
        for (int tries = 0; ; tries++) { // the stream ends as the command exits; its code may be a moment late
            Object state = call(HttpMethod.GET, "/exec/" + exec + "/json", null).json();
            Object code = JsonTree.at(state, "ExitCode");
            if (!Boolean.TRUE.equals(JsonTree.at(state, "Running")) && code != null || tries >= 50) {
                return (int) JsonTree.number(code, -1);
            }
            Thread.sleep(20);
        }
    }
    // end::exec[]

    @Override
    public List<ContainerSummary> list(boolean all) throws IOException {
        byte[] body = call(HttpMethod.GET, "/containers/json" + (all ? "?all=1" : ""), null).body();
        return JsonTree.array(JsonTree.read(body)).stream()
                .map(entry -> ContainerListEntry.of(entry).summary()).toList();
    }

    @Override
    public Map<String, Object> inspect(String ref) throws IOException {
        byte[] body = call(HttpMethod.GET, "/containers/" + encode(ref) + "/json", null).body();
        return JsonTree.object(body);
    }

    /** {@code logs}: the container's output as frames, stdout's and stderr's each to its own stream. */
    @Override
    public void logs(String ref, OutputStream out, OutputStream err) throws IOException {
        logs(ref, LogsQuery.ALL, out, err);
    }

    /** {@code logs} with its options ({@code -f}, {@code --tail} …): until the end, or with follow the exit. */
    public void logs(String ref, LogsQuery query, OutputStream out, OutputStream err) throws IOException {
        FrameDemux demux = new FrameDemux(out, err);
        try {
            client.stream(HttpMethod.GET, "/containers/" + encode(ref) + "/logs?" + query.toQueryString(), null,
                    demux::feed, false).awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the logs", e);
        }
        demux.finish();
    }

    /** The daemon's {@code GET /version}: {@code Version}, {@code ApiVersion}, {@code Os} … */
    public Map<String, Object> version() throws IOException {
        byte[] body = call(HttpMethod.GET, "/version", null).body();
        return JsonTree.object(body);
    }

    @Override
    public void close() {
        client.close();
    }

    /** A request whose answer is short; an interruption, which a CLI does not expect here, is an error. */
    private DaemonClient.Answer call(HttpMethod method, String path, byte[] body) throws IOException {
        try {
            return client.call(method, path, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method + " " + path, e);
        }
    }

    /**
     * Where the daemon's bytes for one of the container's streams go: the
     * caller's own stream for {@link Redirect#INHERIT}, or a file. A pipe
     * ({@link Stdio#pipes()}) needs a local process to read from: there is none.
     */
    private static OutputStream output(Redirect redirect, OutputStream own) throws IOException {
        if (redirect.type() == Redirect.Type.INHERIT) {
            return own;
        }
        if (redirect.type() == Redirect.Type.WRITE || redirect.type() == Redirect.Type.APPEND) {
            return new FileOutputStream(redirect.file(), redirect.type() == Redirect.Type.APPEND);
        }
        throw new UnsupportedOperationException("a daemon's container writes to this process's streams or to "
                + "files, not to " + redirect);
    }

    private void stopQuietly(String id) {
        try {
            stop(id, STOP_ON_EXIT);
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker: could not stop container " + id + ": " + e.getMessage());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
