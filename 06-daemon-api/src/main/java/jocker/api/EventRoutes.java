package jocker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import jocker.events.EventFilter;
import jocker.events.EventLog;

/**
 * {@code GET /events?since=&until=&filters=}: the engine's events, one JSON
 * object a line, each sent as it happens, until {@code until} or until the
 * client goes ({@code docker events}, compose's {@code logs}). The events
 * come from the log every process appends to ({@link jocker.engine.Events}),
 * so a {@code jocker run} without the daemon shows up here too.
 */
public final class EventRoutes implements Routes {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/events", (request, response) -> events(router, request, response));
    }

    private static void events(Router router, ApiRequest request, ApiResponse response)
            throws IOException, InterruptedException {
        Instant now = Instant.now();
        Instant since;
        Instant until;
        EventFilter filter;
        try {
            since = EventLog.parseTime(request.query("since"), now);
            until = EventLog.parseTime(request.query("until"), now);
            filter = new EventFilter(request.filters());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try (OutputStream out = response.stream(200, "application/json")) {
            new EventLog(router.root()).follow(since, until, filter::matches, new EventLog.Sink() {
                @Override
                public void accept(jocker.engine.Event event) throws IOException {
                    out.write(JSON.writeValueAsBytes(event));
                    out.write('\n');
                    out.flush();
                }

                @Override
                public void idle() throws IOException {
                    out.write("\n".getBytes(StandardCharsets.US_ASCII)); // whitespace between objects: clients skip it
                    out.flush();
                }
            });
        }
    }
}
