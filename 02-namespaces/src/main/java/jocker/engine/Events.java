package jocker.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's event log, {@code <root>/events.jsonl}: one {@link Event} a
 * line, appended where the thing happens. That is often not the daemon: the
 * {@code die} of a detached container is seen by its {@link ContainerMonitor}, the
 * {@code create} of {@code jocker run} by the CLI. A file that every
 * process appends to under a lock collects them all; chapter 6's
 * {@code GET /events} reads and follows it.
 *
 * <p>The log is capped: past {@link #CAP} bytes it becomes
 * {@code events.jsonl.1} (replacing the older one), so that the two files
 * hold the last few thousand events, as Docker keeps the last 256 in memory.
 * An event that cannot be written is reported and dropped: the operation it
 * tells of has happened and must not fail for it.
 */
public final class Events {

    /** The size at which the log is rotated. */
    public static final long CAP = 1 << 20;

    private Events() {
    }

    /** The current log of state directory {@code root}. */
    public static Path log(Path root) {
        return root.resolve("events.jsonl");
    }

    /** The log before the last rotation. */
    public static Path rotated(Path root) {
        return root.resolve("events.jsonl.1");
    }

    /** A container's event, with its name and image, and {@code more} attributes (exitCode, signal). */
    public static void container(ContainerStore store, ContainerState state, String action, String... more) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("image", state.image());
        attributes.put("name", state.name());
        for (int i = 0; i + 1 < more.length; i += 2) {
            attributes.put(more[i], more[i + 1]);
        }
        record(store.root(), Event.of(Event.CONTAINER, action, state.id(), attributes));
    }

    /** An event of another type: an image's ({@code tag}, {@code delete} …), a volume's. */
    public static void record(Path root, String type, String action, String id, Map<String, String> attributes) {
        record(root, Event.of(type, action, id, attributes));
    }

    /** Appends {@code event} to the log, rotating it first when it has grown past {@link #CAP}. */
    public static void record(Path root, Event event) {
        try {
            byte[] line = (json(event) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(root);
            Locks.holding(root.resolve("events.lock"), () -> {
                Path log = log(root);
                if (Files.exists(log) && Files.size(log) + line.length > CAP) {
                    Files.move(log, rotated(root), StandardCopyOption.REPLACE_EXISTING);
                }
                try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    out.write(ByteBuffer.wrap(line));
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            System.err.println("jocker: event " + event.action() + " not recorded: " + e.getMessage());
        }
    }

    /**
     * {@code event} as a line of the log: Docker's field names, as {@link Event}'s annotations give them to
     * the daemon that reads the log back (chapter 6), a null field left out. Written with jackson-jr
     * ({@link StateJson}): {@code run}, {@code stop} and {@code rm} write events, and databind would cost each
     * of them a tenth of a second.
     */
    static String json(Event event) throws IOException {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("ID", event.actor().id());
        actor.put("Attributes", event.actor().attributes());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", event.status());
        fields.put("id", event.id());
        fields.put("from", event.from());
        fields.put("Type", event.type());
        fields.put("Action", event.action());
        fields.put("Actor", actor);
        fields.put("scope", event.scope());
        fields.put("time", event.time());
        fields.put("timeNano", event.timeNano());
        fields.values().removeIf(Objects::isNull);
        return StateJson.JSON.asString(fields);
    }
}
