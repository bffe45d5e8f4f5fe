package jocker.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.ContainerSummary;

/**
 * {@code POST /containers/{id}/wait?condition=…}: until the container is
 * not running ({@code not-running}, the default: at once if it is not),
 * until its next exit ({@code next-exit}, what {@code docker run} waits
 * for), or until it is removed ({@code removed}, what {@code docker run --rm}
 * waits for). Woken by the changes of the container's state file
 * ({@link ContainerStore#await}), which the container's shim writes.
 */
final class ContainerWait {

    /** How long one await may take before it looks again: the wait itself has no limit. */
    private static final Duration ROUND = Duration.ofHours(1);

    private ContainerWait() {
    }

    /** The condition's name, checked before the answer starts: a bad one is a 400. */
    static String condition(String condition) {
        String c = condition == null || condition.isEmpty() ? "not-running" : condition;
        if (!c.equals("not-running") && !c.equals("next-exit") && !c.equals("removed")) {
            throw ApiException.badRequest("invalid condition: \"" + condition
                    + "\": use not-running, next-exit or removed");
        }
        return c;
    }

    /** Waits for {@code condition} on container {@code before} (as it was when asked); returns the exit code. */
    static int await(ContainerStore store, ContainerState before, String condition)
            throws IOException, InterruptedException {
        AtomicReference<ContainerState> last = new AtomicReference<>(before);
        Predicate<ContainerState> seen = s -> {
            last.set(s);
            return false;
        };
        Predicate<ContainerState> done = switch (condition) {
            case "removed" -> seen;
            case "next-exit" -> seen.or(s -> ended(s) && !(Objects.equals(s.finished(), before.finished())
                    && Objects.equals(s.processStart(), before.processStart()) && ended(before)));
            default -> seen.or(ContainerWait::ended).or(s -> ContainerState.CREATED.equals(s.status()));
        };
        while (true) {
            ContainerState s = store.await(before.id(), done, ROUND, () -> true);
            if (s == null) { // removed: the last state seen, or what its shim recorded on the way out
                Integer recorded = ExitRecords.read(store.root(), before.id());
                return recorded != null ? recorded : exitCode(last.get());
            }
            if (done.test(s)) {
                return exitCode(s);
            }
        }
    }

    /**
     * Ended: an exit recorded, or a process gone that nobody recorded: its
     * shim records the exit a moment after the process ends, so an exit
     * counts as unseen (the shim was killed) only after {@link #SHIM_GRACE}.
     */
    private static boolean ended(ContainerState s) {
        if (ContainerState.EXITED.equals(s.status())) {
            return true;
        }
        if (!ContainerState.RUNNING.equals(s.status()) || s.isRunning()) {
            return false;
        }
        Instant gone = s.processStart() == null ? null : ProcessHandle.of(s.pid()).isPresent() ? null
                : GONE_SINCE.computeIfAbsent(s.id() + s.processStart(), k -> Instant.now());
        return gone == null || Duration.between(gone, Instant.now()).compareTo(SHIM_GRACE) > 0;
    }

    /** How long a shim may take to record the exit of its container's process. */
    private static final Duration SHIM_GRACE = Duration.ofSeconds(5);
    /** When each process found gone without a recorded exit was first found so. */
    private static final Map<String, Instant> GONE_SINCE = new ConcurrentHashMap<>();

    private static int exitCode(ContainerState s) {
        if (ContainerState.EXITED.equals(s.status()) && s.exitCode() != null) {
            return s.exitCode();
        }
        return ended(s) ? ContainerSummary.UNKNOWN_EXIT : 0;
    }
}
