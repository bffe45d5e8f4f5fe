package jocker.daemon;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.spec.Spec;

/**
 * Chapter 6's part of a container's life: its {@link RestartPolicy}, kept in
 * a {@link RestartRecord} for the daemon's {@link Watchdog}. A stop, kill or
 * {@code rm -f} marks the container stopped by its user, so that the
 * watchdog leaves it stopped; a start clears the mark.
 *
 * <p>A policy needs a process that outlives the container's exit to start
 * it again: the daemon. Without one in this JVM, {@code jocker run --restart}
 * is refused rather than silently ignored.
 */
public final class RestartFeature implements Feature {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        RestartPolicy policy = request.get(RestartPolicy.class);
        if (policy == null || !policy.restarts()) {
            return;
        }
        if (request.autoRemove()) {
            throw new IllegalArgumentException("conflicting options: cannot combine --restart " + policy
                    + " with --rm (AutoRemove)");
        }
        if (!Watchdog.isWatching()) {
            throw new IllegalArgumentException("restart policy " + policy + " needs jockerd: without the daemon "
                    + "no process stays to start the container again (use jocker -H unix:///run/jocker.sock)");
        }
        ContainerStore.writeJson(store.dir(state.id()).resolve(RestartRecord.FILE), RestartRecord.of(policy));
    }

    @Override
    public void beforeStart(ContainerStore store, ContainerState state, Spec spec) throws IOException {
        RestartRecord.update(store, state.id(), r -> r.stoppedByUser() || r.restartPending() ? r.stopped(false) : r);
    }

    @Override
    public void beforeSignal(ContainerStore store, ContainerState state) throws IOException {
        RestartRecord.update(store, state.id(), r -> r.stopped(true));
    }

    /** Docker's {@code RestartCount} and {@code HostConfig.RestartPolicy}. */
    @Override
    @SuppressWarnings("unchecked")
    public void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
        RestartRecord record = RestartRecord.read(store, state.id());
        RestartPolicy policy = record != null ? record.policy() : RestartPolicy.NONE;
        doc.put("RestartCount", record != null ? record.restartCount() : 0);
        Object hostConfig = doc.computeIfAbsent("HostConfig", k -> new LinkedHashMap<String, Object>());
        if (hostConfig instanceof Map<?, ?> map) {
            Map<String, Object> restart = new LinkedHashMap<>(); // Docker's order, the same every run (not Map.of)
            restart.put("Name", policy.name());
            restart.put("MaximumRetryCount", policy.maximumRetryCount());
            ((Map<String, Object>) map).put("RestartPolicy", restart);
        }
    }
}
