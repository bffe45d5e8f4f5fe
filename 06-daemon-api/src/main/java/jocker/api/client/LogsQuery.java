package jocker.api.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code GET /containers/{id}/logs} beyond stdout and stderr:
 * {@code follow}, {@code tail} ("all" or a number), {@code since} and
 * {@code until} (null: no bound; sent as Unix seconds with nanoseconds, as
 * Docker's CLI sends them), {@code timestamps}.
 */
public record LogsQuery(boolean follow, String tail, Instant since, Instant until, boolean timestamps) {

    /** All of the log, once, without timestamps: {@code jocker logs CONTAINER}. */
    public static final LogsQuery ALL = new LogsQuery(false, "all", null, null, false);

    /** {@code stdout=1&stderr=1&…}, the parameters that differ from Docker's defaults. */
    String toQueryString() {
        List<String> parameters = new ArrayList<>(List.of("stdout=1", "stderr=1"));
        if (follow) {
            parameters.add("follow=1");
        }
        if (tail != null && !tail.equals("all")) {
            parameters.add("tail=" + tail);
        }
        if (since != null) {
            parameters.add("since=" + seconds(since));
        }
        if (until != null) {
            parameters.add("until=" + seconds(until));
        }
        if (timestamps) {
            parameters.add("timestamps=1");
        }
        return String.join("&", parameters);
    }

    private static String seconds(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }
}
