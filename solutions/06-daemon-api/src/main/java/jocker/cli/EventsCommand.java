package jocker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import jocker.engine.Event;
import jocker.events.EventFilter;
import jocker.events.EventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jocker events}: what happened to containers, images and volumes,
 * as {@code docker events} prints it, read from the event log every jocker
 * process appends to. Without {@code --since} it shows what happens from
 * now on, until {@code --until} or Ctrl-C.
 *
 * <pre>
 * jocker events --since 10m --until 0s --filter type=container --filter event=die
 * 2026-11-30T19:02:11.120393000Z container die 4f3c… (exitCode=1, image=busybox, name=web)
 * </pre>
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Show the engine's events (container, image, volume).")
public final class EventsCommand implements Callable<Integer>, Subcommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
            .withZone(ZoneId.systemDefault());

    @ParentCommand
    private Jocker jocker;

    @Option(names = "--since", paramLabel = "TIME", description = "Show events from this time: seconds since the "
            + "epoch, an RFC 3339 time, or a duration back from now (10m).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stop at this time (same forms).")
    private String until;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Only events that match: type, "
            + "event, container, image, volume, label (repeatable).")
    private List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "'json': each event as a JSON line.")
    private String format;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        ObjectMapper json = new ObjectMapper();
        new EventLog(jocker.root()).follow(EventLog.parseTime(since, now), EventLog.parseTime(until, now),
                EventFilter.parse(filters)::matches, event -> {
                    System.out.println("json".equals(format) ? json.writeValueAsString(event) : line(event));
                    System.out.flush();
                });
        return 0;
    }

    /** Docker's line: time, type, action, ID, then the attributes sorted by name. */
    static String line(Event event) throws IOException {
        StringBuilder attributes = new StringBuilder();
        new TreeMap<>(event.actor().attributes()).forEach((k, v) ->
                attributes.append(attributes.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return TIME.format(event.instant()) + " " + event.type() + " " + event.action() + " " + event.actor().id()
                + " (" + attributes + ")";
    }
}
