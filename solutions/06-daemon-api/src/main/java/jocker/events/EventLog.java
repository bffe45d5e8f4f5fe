package jocker.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jocker.engine.Event;
import jocker.engine.Events;

/**
 * Reads the engine's event log ({@link Events}: {@code events.jsonl} and the
 * rotated {@code events.jsonl.1}) as {@code docker events} shows it: the past
 * events from {@code since}, then, while {@code until} has not come, the new
 * ones as processes append them. Nothing tells a reader that a line was
 * appended (the writers are other processes), so it looks ten times a
 * second, as {@code tail -f} does.
 */
public final class EventLog {

    /** How often the log is looked at for new lines. */
    static final Duration POLL = Duration.ofMillis(100);
    /** How long a quiet stream waits before it sends a newline, which finds a client that went away. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public EventLog(Path root) {
        this.root = root;
    }

    /** Where the events go: a client's stream. A write to a client that went away throws. */
    public interface Sink {
        void accept(Event event) throws IOException;

        /** Nothing happened for a while: a chance to see whether the client is still there. */
        default void idle() throws IOException {
        }
    }

    /** Every event the log still has, oldest first. */
    public List<Event> read() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Path file : List.of(Events.rotated(root), Events.log(root))) {
            try {
                parse(Files.readAllBytes(file), events);
            } catch (NoSuchFileException none) {
                // nothing happened yet, or never enough to rotate
            }
        }
        return events;
    }

    /**
     * Sends {@code sink} the events that {@code filter} accepts (an {@link EventFilter}'s
     * {@code matches}), from {@code since} (null:
     * from now on, Docker's default) until {@code until} (null: until the
     * client goes, or the thread is interrupted).
     */
    public void follow(Instant since, Instant until, Predicate<Event> filter, Sink sink)
            throws IOException, InterruptedException {
        try (Tail tail = new Tail(Events.log(root), since != null)) {
            List<Event> events = since != null ? readRotated() : new ArrayList<>();
            Instant quietSince = Instant.now();
            while (true) {
                events.addAll(tail.poll());
                for (Event event : events) {
                    if (until != null && event.instant().isAfter(until)) {
                        return;
                    }
                    if ((since == null || !event.instant().isBefore(since)) && filter.test(event)) {
                        sink.accept(event);
                        quietSince = Instant.now();
                    }
                }
                events.clear();
                Instant now = Instant.now();
                if (until != null && now.isAfter(until)) {
                    return;
                }
                if (Duration.between(quietSince, now).compareTo(HEARTBEAT) > 0) {
                    sink.idle();
                    quietSince = now;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private List<Event> readRotated() throws IOException {
        List<Event> events = new ArrayList<>();
        try {
            parse(Files.readAllBytes(Events.rotated(root)), events);
        } catch (NoSuchFileException none) {
            // never rotated
        }
        return events;
    }

    /** Parses the complete lines of {@code bytes}; returns how many bytes they took. */
    static int parse(byte[] bytes, List<Event> into) throws IOException {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    into.add(JSON.readValue(bytes, start, i - start, Event.class));
                }
                start = i + 1;
            }
        }
        return start;
    }

    /**
     * {@code events.jsonl} as it grows. When a writer rotates it (renames it
     * to {@code .1} and starts a new one), the open channel still reads the
     * renamed file to its end; then the tail opens the new file.
     */
    private static final class Tail implements AutoCloseable {

        private final Path file;
        private FileChannel channel;
        private Object inode;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Tail(Path file, boolean fromStart) throws IOException {
            this.file = file;
            open();
            if (channel != null && !fromStart) {
                channel.position(channel.size());
            }
        }

        /**
         * Opens the log and notes its inode; if a rotation came between the
         * open and the look at the inode, the two would not match and the
         * tail would read the old file forever: then it opens again.
         */
        private void open() throws IOException {
            while (true) {
                try {
                    Object before = Files.getAttribute(file, "unix:ino");
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                    inode = Files.getAttribute(file, "unix:ino");
                    if (inode.equals(before)) {
                        return;
                    }
                    channel.close();
                } catch (NoSuchFileException none) {
                    if (channel != null) {
                        channel.close();
                    }
                    channel = null;
                    return;
                }
            }
        }

        /** The events appended since the last poll. */
        List<Event> poll() throws IOException {
            List<Event> events = new ArrayList<>();
            if (channel == null) {
                open();
            }
            while (channel != null) {
                readToEnd(events);
                Object now;
                try {
                    now = Files.getAttribute(file, "unix:ino");
                } catch (NoSuchFileException rotating) {
                    break;
                }
                if (now.equals(inode)) {
                    break;
                }
                // Rotated: lines may have been appended to the old file after the read above and before
                // the rotation (the writer rotates only between whole lines): read them, then go on.
                readToEnd(events);
                channel.close();
                partial.reset();
                open();
            }
            return events;
        }

        private void readToEnd(List<Event> events) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) > 0) {
                partial.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            byte[] bytes = partial.toByteArray();
            int used = parse(bytes, events);
            partial.reset();
            partial.write(bytes, used, bytes.length - used); // a line still being written waits for its end
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /**
     * Docker's {@code since} and {@code until}: seconds since the epoch with
     * an optional fraction ({@code 1796061731.120393000}, what the CLI sends),
     * an RFC 3339 time, or a duration back from now ({@code 10m}, {@code 1h30m}).
     */
    public static Instant parseTime(String text, Instant now) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.matches("\\d+(\\.\\d{1,9})?")) {
                String[] parts = text.split("\\.");
                long nanos = parts.length > 1 ? Long.parseLong((parts[1] + "00000000").substring(0, 9)) : 0;
                return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            }
            if (text.matches("(\\d+[hms])+")) {
                return now.minus(Duration.parse("PT" + text.toUpperCase()));
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid time '" + text
                    + "': use seconds since the epoch, an RFC 3339 time or a duration such as 10m");
        }
    }
}
