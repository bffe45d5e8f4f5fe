package jocker.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import jocker.api.ApiServer;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import jocker.engine.Event;
import jocker.events.EventLog;

/**
 * The daemon's restart watchdog. It does not own the containers (each
 * detached container has its shim, which outlives the daemon): it follows
 * the event log for their {@code die} events, whoever wrote them, and starts
 * again those whose {@link RestartPolicy} says so, after the delay of
 * {@link RestartDecision}. When the daemon starts, it first looks at every
 * container: {@code always} and {@code unless-stopped} ones that are not
 * running start again, and an exit that happened while no daemon ran is
 * decided as if it had just happened.
 *
 * <p>Everything it needs is on disk ({@link RestartRecord}): each exit is
 * decided once, even when the start-up look and the log both see it, and a
 * daemon killed while a restart waited for its delay does it when it starts again.
 * What it keeps in memory is only the timers of those delays.
 */
public final class Watchdog implements DaemonService {

    private static final AtomicInteger WATCHING = new AtomicInteger();
    /** A container's die. Not an {@code EventFilter}: the watchdog works without exercise 6.9. */
    private static final Predicate<Event> DIES = e -> e.type().equals(Event.CONTAINER) && e.action().equals("die");

    private Engine engine;
    private ContainerStore store;
    private ScheduledExecutorService restarts;
    private Thread follower;
    private Instant startedAt;
    private ApiServer.ApiLog log;

    /** Whether a watchdog runs in this JVM: without one, a restart policy would never be applied. */
    public static boolean isWatching() {
        return WATCHING.get() > 0;
    }

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void start(Engine engine, Path root, ApiServer.ApiLog log) throws IOException {
        this.engine = engine;
        this.store = engine.store();
        this.log = log;
        this.restarts = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "jockerd-restart");
            t.setDaemon(true);
            return t;
        });
        WATCHING.incrementAndGet();
        startedAt = Instant.now(); // before the look: an exit in between is seen twice, and decided once
        for (ContainerState state : store.list()) {
            restarts.execute(() -> onDaemonStart(state.id()));
        }
        follower = new Thread(this::follow, "jockerd-watchdog");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            new EventLog(store.root()).follow(startedAt, null, DIES,
                    event -> restarts.execute(() -> exited(event.actor().id())));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            report("the restart watchdog stopped: " + e);
        }
    }

    /** A container when the daemon starts: running ones are adopted as they are. */
    private void onDaemonStart(String id) {
        try {
            ContainerState state = store.read(id);
            RestartRecord record = RestartRecord.read(store, id);
            if (record == null || !ended(state)) {
                return;
            }
            boolean pending = record.restartPending() && !record.stoppedByUser(); // decided by a daemon now gone
            if (pending || RestartDecision.startsWithDaemon(record.policy(), record.stoppedByUser())) {
                RestartRecord.update(store, id, r -> new RestartRecord(r.policy(), r.restartCount(), false,
                        state.finished(), r.delayMillis(), false));
                engine.startDetached(id);
            } else {
                exited(id);
            }
        } catch (Exception e) {
            report(id, e);
        }
    }

    // tag::exited[]
    /** A container died: decides once about this exit, and schedules the restart. */
    private void exited(String id) {
        try {
            ContainerState state = store.read(id);
            if (!ended(state)) {
                return;
            }
            Instant exit = state.finished();
            Duration ranFor = state.processStart() == null || exit == null ? Duration.ZERO
                    : Duration.between(state.processStart(), exit);
            RestartDecision[] decision = {null};
            RestartRecord.update(store, id, r -> {
                if (Objects.equals(r.handledExit(), exit)) {
                    return r; // decided already
                }
                int status = state.exitCode() == null ? -1 : state.exitCode();
                decision[0] = RestartDecision.decide(r.policy(), status, r.restartCount(),
                        r.stoppedByUser(), ranFor, Duration.ofMillis(r.delayMillis()));
                return r.handled(exit, decision[0]);
            });
            if (decision[0] != null && decision[0].restart()) {
                info("container " + state.shortId() + " exited with " + state.exitCode()
                        + ": restart in "
                        + decision[0].delay().toMillis() + " ms");
                restarts.schedule(() -> restart(id, exit), decision[0].delay().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            report(id, e);
        }
    }

    /** Starts the container again, unless someone did or stopped it during the delay. */
    private void restart(String id, Instant exit) {
        try {
            ContainerState state = store.read(id);
            RestartRecord record = RestartRecord.read(store, id);
            if (ended(state) && Objects.equals(state.finished(), exit) && record != null
                    && !record.stoppedByUser()) {
                engine.startDetached(id);
            }
        } catch (Exception e) {
            report(id, e);
        }
    }
    // end::exited[]

    private static boolean ended(ContainerState state) {
        return ContainerState.EXITED.equals(state.status()) && !state.isRunning();
    }

    private void report(String id, Exception e) {
        if (!(e instanceof jocker.engine.ContainerNotFoundException)) {
            report("restart of container " + id.substring(0, Math.min(12, id.length())) + ": " + e.getMessage());
        }
    }

    private void report(String message) {
        if (log != null) {
            log.error(message);
        } else {
            System.err.println("jockerd: " + message);
        }
    }

    private void info(String message) {
        if (log != null) {
            log.info(message);
        }
    }

    @Override
    public void stop() {
        if (follower != null) {
            follower.interrupt();
            restarts.shutdownNow();
            WATCHING.decrementAndGet();
            follower = null;
        }
    }
}
