package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jocker.cgroups.ContainerStats;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.ContainerSummary;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Stopper;

/**
 * The containers' life cycle: create, start, stop, restart, kill, pause,
 * unpause, rename, wait, remove, prune, list and inspect. Each endpoint is a
 * call of chapter 2's {@link Engine}, which {@code jocker}'s commands call
 * too; a container started here runs under its own shim, which outlives the
 * daemon, exactly as one started with {@code jocker run -d}.
 */
public final class ContainerRoutes implements Routes {

    /** {@code docker stop}'s grace period when the client gives none. */
    static final long DEFAULT_STOP_SECONDS = 10;

    private Engine engine;
    private ContainerStore store;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        engine = router.engine();
        store = engine.store();
        add(router, "POST", "/containers/create", this::create);
        add(router, "GET", "/containers/json", this::list);
        add(router, "POST", "/containers/prune", this::prune);
        add(router, "GET", "/containers/{id}/json", this::inspect);
        add(router, "POST", "/containers/{id}/start", this::start);
        add(router, "POST", "/containers/{id}/stop", this::stop);
        add(router, "POST", "/containers/{id}/restart", this::restart);
        add(router, "POST", "/containers/{id}/kill", this::kill);
        add(router, "POST", "/containers/{id}/pause", this::pause);
        add(router, "POST", "/containers/{id}/unpause", this::unpause);
        add(router, "POST", "/containers/{id}/rename", this::rename);
        add(router, "POST", "/containers/{id}/wait", this::await);
        add(router, "DELETE", "/containers/{id}", this::remove);
    }

    private static void add(Router router, String method, String path, Router.Handler handler) {
        router.add(method, path, EngineErrors.mapped(handler));
    }

    /** {@code {"Id": …, "Warnings": […]}}, the answer to a create. */
    record Created(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
    }

    /** {@code {"ContainersDeleted": […], "SpaceReclaimed": 0}}. */
    record Pruned(@JsonProperty("ContainersDeleted") List<String> containersDeleted,
                  @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    // tag::create[]
    private void create(ApiRequest request, ApiResponse response) throws Exception {
        ContainerCreateBody body = request.json(ContainerCreateBody.class);
        String name = request.query("name");
        List<String> warnings = new ArrayList<>();
        CreateRequest create = ContainerCreation.request(body, name == null || name.isEmpty() ? null : name,
                warnings);
        ContainerState state = engine.create(create);
        try {
            ContainerApiRecord.of(body).write(store, state.id());
        } catch (IOException | RuntimeException e) {
            engine.remove(state.id(), true);
            throw e;
        }
        response.json(201, new Created(state.id(), warnings));
    }
    // end::create[]

    private void start(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        if (state.isRunning()) {
            response.empty(304);
            return;
        }
        try {
            engine.startDetached(state.id());
        } catch (IllegalStateException e) {
            throw new ApiException(500, e.getMessage(), e); // the runtime failed: not the client's conflict
        }
        response.empty(204);
    }

    private void stop(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        if (!state.isRunning()) {
            response.empty(304);
            return;
        }
        engine.stop(state.id(), grace(request));
        response.empty(204);
    }

    private void restart(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        if (state.isRunning()) {
            engine.stop(state.id(), grace(request));
        }
        engine.startDetached(state.id());
        response.empty(204);
    }

    /** {@code ?t=}: seconds before SIGKILL; a negative value waits as long as it takes. */
    private static Duration grace(ApiRequest request) {
        long seconds = request.queryLong("t", DEFAULT_STOP_SECONDS);
        return seconds < 0 ? Duration.ofDays(365) : Duration.ofSeconds(seconds);
    }

    private void kill(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String signal = request.query("signal");
        int number = Stopper.signalNumber(signal == null || signal.isEmpty() ? "KILL" : signal);
        if (!state.isRunning()) {
            throw ApiException.conflict("Container " + state.id() + " is not running");
        }
        engine.kill(state.id(), number);
        response.empty(204);
    }

    private void pause(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String now = ContainerSummary.stateOf(store, state);
        if (now.equals("paused")) {
            throw ApiException.conflict("Container " + state.id() + " is already paused");
        }
        if (!now.equals(ContainerState.RUNNING)) {
            throw ApiException.conflict("Container " + state.id() + " is not running");
        }
        ContainerStats.pause(store, state.id());
        response.empty(204);
    }

    private void unpause(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        if (!ContainerSummary.stateOf(store, state).equals("paused")) {
            throw ApiException.conflict("Container " + state.id() + " is not paused");
        }
        ContainerStats.unpause(store, state.id());
        response.empty(204);
    }

    private void rename(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String name = request.query("name");
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("Neither old nor new names may be empty");
        }
        store.rename(state.id(), name.startsWith("/") ? name.substring(1) : name);
        response.empty(204);
    }

    // tag::wait[]
    /**
     * The status line and headers go out at once, the body only at the
     * condition: the docker CLI sends {@code start} only once its wait has
     * been answered, so holding the headers back would hang it.
     */
    private void await(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        String condition = ContainerWait.condition(request.query("condition"));
        try (OutputStream out = response.stream(200, "application/json")) {
            out.flush();
            int status = ContainerWait.await(store, state, condition);
            String body = "{\"StatusCode\":" + status + ",\"Error\":null}\n";
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
    // end::wait[]

    private void remove(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        boolean force = request.queryFlag("force", false);
        if (!force && state.isRunning()) {
            throw ApiException.conflict("You cannot remove a " + ContainerSummary.stateOf(store, state)
                    + " container " + state.id() + ". Stop the container before attempting removal or force"
                    + " remove");
        }
        if (request.queryFlag("v", false)) {
            jocker.volumes.VolumesFeature.removeContainer(engine, state.id(), force); // and its anonymous volumes
        } else {
            engine.remove(state.id(), force);
        }
        ExecInstance.forget(state.id());
        response.empty(204);
    }

    private void list(ApiRequest request, ApiResponse response) throws IOException {
        Map<String, List<String>> filters = request.filters();
        ContainerFilter.check(filters);
        long limit = request.queryLong("limit", -1);
        boolean all = request.queryFlag("all", false) || limit > 0;
        Instant now = Instant.now();
        List<ContainerListEntry> out = new ArrayList<>();
        for (ContainerState s : store.list()) { // newest first
            ContainerSummary summary = ContainerSummary.of(store, s, now);
            boolean up = summary.state().equals(ContainerState.RUNNING) || summary.state().equals("paused");
            if ((all || up || filters.containsKey("status"))
                    && ContainerFilter.matches(filters, ContainerViews.candidate(store, s, summary.state()))) {
                out.add(ContainerViews.listEntry(store, summary, s));
            }
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        response.json(200, out);
    }

    private void inspect(ApiRequest request, ApiResponse response) throws IOException {
        response.json(200, ContainerViews.inspect(engine, request.path("id")));
    }

    private void prune(ApiRequest request, ApiResponse response) throws Exception {
        Map<String, List<String>> filters = request.filters();
        for (String key : filters.keySet()) {
            if (!key.equals("label")) {
                throw ApiException.badRequest("invalid filter '" + key + "': prune takes label");
            }
        }
        List<String> deleted = new ArrayList<>();
        for (ContainerState s : store.list()) {
            String state = ContainerSummary.stateOf(store, s);
            boolean stopped = !state.equals(ContainerState.RUNNING) && !state.equals("paused");
            if (stopped && ContainerFilter.matches(filters, ContainerViews.candidate(store, s, state))) {
                engine.remove(s.id(), false);
                deleted.add(s.id());
            }
        }
        response.json(200, new Pruned(deleted, 0));
    }
}
