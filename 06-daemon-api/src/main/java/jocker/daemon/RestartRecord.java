package jocker.daemon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;
import jocker.engine.ContainerStore;
import jocker.engine.Locks;

/**
 * A container's restart policy and where its watchdog stands, kept beside its
 * state as {@code containers/<id>/restart.json}, so that a daemon started
 * again knows it all:
 *
 * <pre>
 * {"policy":{"Name":"on-failure","MaximumRetryCount":2},"restartCount":1,"stoppedByUser":false,
 *  "handledExit":"2026-11-30T19:02:11.120Z","delayMillis":100,"restartPending":true}
 * </pre>
 *
 * @param restartCount  how many times the watchdog started it again (inspect's {@code RestartCount})
 * @param stoppedByUser its user stopped, killed or removed it: no restart until it is started again
 * @param handledExit   when the exit the watchdog last decided about happened: each exit is decided once
 * @param delayMillis   the delay before the last restart, which the next one doubles
 * @param restartPending a restart was decided and has not started yet: a daemon killed during the
 *                      delay does it when it starts again
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartRecord(RestartPolicy policy, int restartCount, boolean stoppedByUser, Instant handledExit,
                            long delayMillis, boolean restartPending) {

    static final String FILE = "restart.json";

    public static RestartRecord of(RestartPolicy policy) {
        return new RestartRecord(policy, 0, false, null, 0, false);
    }

    /** The record of container {@code id}, or null when it has no restart policy. */
    public static RestartRecord read(ContainerStore store, String id) throws IOException {
        Path file = store.dir(id).resolve(FILE);
        return Files.exists(file) ? ContainerStore.readJson(file, RestartRecord.class) : null;
    }

    /** Changes the record under a lock: the CLI (stop), a shim (start) and the watchdog all write it. */
    public static RestartRecord update(ContainerStore store, String id, UnaryOperator<RestartRecord> change)
            throws IOException {
        Path dir = store.dir(id);
        if (!Files.exists(dir.resolve(FILE))) {
            return null;
        }
        return Locks.holding(dir.resolve(FILE + ".lock"), () -> {
            RestartRecord changed = change.apply(read(store, id));
            ContainerStore.writeJson(dir.resolve(FILE), changed);
            return changed;
        });
    }

    /** Stopped by its user ({@code true}), or started ({@code false}: no restart is pending any more). */
    RestartRecord stopped(boolean byUser) {
        return new RestartRecord(policy, restartCount, byUser, handledExit, delayMillis, false);
    }

    /** The exit at {@code exit} decided: counted, and pending, when it is to restart. */
    RestartRecord handled(Instant exit, RestartDecision decision) {
        return new RestartRecord(policy, decision.restart() ? restartCount + 1 : restartCount, stoppedByUser, exit,
                decision.restart() ? decision.delay().toMillis() : delayMillis, decision.restart());
    }
}
