package jocker.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One container as {@code jocker ps} and, from chapter 6, the Engine API's
 * {@code GET /containers/json} show it. Computed here, in the engine, from
 * the one record of the container and what its process is doing now, so that
 * every command says the same.
 *
 * @param state  Docker's word: {@code created}, {@code running}, {@code paused}, {@code exited} or
 *               {@code broken} (its record cannot be read)
 * @param status Docker's sentence: {@code Up 5 seconds}, {@code Up 2 minutes (Paused)},
 *               {@code Exited (3) 1 second ago}, {@code Created}
 */
public record ContainerSummary(String id, String name, String image, List<String> command, Instant created,
                               String state, String status) {

    public String shortId() {
        return id.substring(0, 12);
    }

    // tag::state[]
    /** The container's state now: its record, checked against its process, as each feature sees it. */
    public static String stateOf(ContainerStore store, ContainerState s) {
        String state;
        if (ContainerState.BROKEN.equals(s.status())) {
            state = ContainerState.BROKEN;
        } else if (s.isRunning()) {
            state = ContainerState.RUNNING;
        } else if (ContainerState.CREATED.equals(s.status())) {
            state = ContainerState.CREATED;
        } else {
            state = ContainerState.EXITED; // also "running" on record with its process gone: it ended unseen
        }
        for (Feature feature : Feature.all()) {
            state = feature.status(store, s, state); // chapter 3: "paused"
        }
        return state;
    }
    // end::state[]

    /**
     * The exit code of a container that ended unseen: its monitor was killed
     * first, and only the dead process's parent could have learnt its status
     * (wait(2)). {@code ps} says {@code Exited (unknown)}, {@code inspect}
     * {@code "ExitCode": -1} and {@link #UNKNOWN_EXIT_ERROR}.
     */
    public static final int UNKNOWN_EXIT = -1;

    /** {@code inspect}'s {@code State.Error} for an {@link #UNKNOWN_EXIT}. */
    public static final String UNKNOWN_EXIT_ERROR =
            "exit status unknown: the container ended while no monitor watched it";

    /**
     * The exit code for container state {@code state} ({@link #stateOf}): the
     * one recorded, {@link #UNKNOWN_EXIT} for an exit nobody recorded (or
     * recorded as unknown), 0 while it has not ended, as Docker says.
     */
    public static int exitCodeOf(ContainerState s, String state) {
        if (!ContainerState.EXITED.equals(state)) {
            return 0;
        }
        return s.exitCode() != null && s.exitCode() >= 0 ? s.exitCode() : UNKNOWN_EXIT;
    }

    public static ContainerSummary of(ContainerStore store, ContainerState s, Instant now) {
        String state = stateOf(store, s);
        int exitCode = exitCodeOf(s, state);
        String status = switch (state) {
            case "running" -> "Up " + ago(s.processStart(), now);
            case "paused" -> "Up " + ago(s.processStart(), now) + " (Paused)";
            case "created" -> "Created";
            case "broken" -> "Broken: " + s.error();
            default -> exitCode != UNKNOWN_EXIT
                    ? "Exited (" + exitCode + ") " + ago(s.finished(), now) + " ago"
                    : "Exited (unknown)";
        };
        return new ContainerSummary(s.id(), s.name(), s.image(), s.command(), s.created(), state, status);
    }

    /** "5 seconds", "3 minutes", as Docker words it. */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "?";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        if (s < 3600) {
            return s / 60 + (s / 60 == 1 ? " minute" : " minutes");
        }
        if (s < 86400) {
            return s / 3600 + (s / 3600 == 1 ? " hour" : " hours");
        }
        return s / 86400 + (s / 86400 == 1 ? " day" : " days");
    }
}
