package jocker.stdio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import jocker.engine.ContainerStore;

/**
 * A container's log from chapter 6 on: {@code streams.log} in its directory,
 * a sequence of {@link LogEntry}s that its shim appends and any number of
 * readers read at once ({@code docker logs}, {@code logs -f}, attach).
 * Chapter 2's {@code container.log} keeps what the shim itself says when it fails.
 */
public final class ContainerLog {

    static final String FILE = "streams.log";

    /** How long a follower sleeps when it has read everything and the container still runs. */
    private static final long POLL_MILLIS = 10;

    private ContainerLog() {
    }

    public static Path path(ContainerStore store, String id) {
        return store.dir(id).resolve(FILE);
    }

    /** What reads entries; returns false to stop reading. */
    @FunctionalInterface
    public interface Sink {
        boolean accept(LogEntry entry) throws IOException;
    }

    /**
     * Appends what a container writes, one entry per line (the last piece of
     * a read without its newline is an entry too: a shell's prompt must show
     * at once), each written whole with one write(2).
     */
    public static final class Appender implements AutoCloseable {

        private final FileOutputStream out;

        public Appender(Path file) throws IOException {
            this.out = new FileOutputStream(file.toFile(), true);
        }

        public synchronized void append(int stream, byte[] data, int length) throws IOException {
            long now = LogEntry.nanos(java.time.Instant.now());
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (data[i] == '\n' || i - start + 1 == LogEntry.MAX_SIZE) {
                    write(new LogEntry(stream, now, java.util.Arrays.copyOfRange(data, start, i + 1)));
                    start = i + 1;
                }
            }
            if (start < length) {
                write(new LogEntry(stream, now, java.util.Arrays.copyOfRange(data, start, length)));
            }
        }

        private void write(LogEntry entry) throws IOException {
            out.write(entry.encode());
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /**
     * A reader of one log, opened at once: a container removed meanwhile
     * ({@code --rm}) is still read to its end through the open file.
     */
    public static final class Reader implements AutoCloseable {

        private final RandomAccessFile file;
        private long position;

        private Reader(RandomAccessFile file, long position) {
            this.file = file;
            this.position = position;
        }

        /** Reads from the start; null when the container has no such log (it ran before chapter 6). */
        public static Reader fromStart(Path log) throws IOException {
            return open(log, false);
        }

        /** Reads what is appended from now on (attach); null when the container has no such log. */
        public static Reader fromEnd(Path log) throws IOException {
            return open(log, true);
        }

        private static Reader open(Path log, boolean atEnd) throws IOException {
            RandomAccessFile file;
            try {
                file = new RandomAccessFile(log.toFile(), "r");
            } catch (java.io.FileNotFoundException e) {
                return null;
            }
            return new Reader(file, atEnd ? file.length() : 0);
        }

        /** The whole entries written since the last call; an entry being written waits for the next. */
        public List<LogEntry> next() throws IOException {
            long length = file.length();
            List<LogEntry> entries = new ArrayList<>();
            if (length <= position) {
                return entries;
            }
            byte[] bytes = new byte[(int) Math.min(length - position, 8L << 20)];
            file.seek(position);
            file.readFully(bytes);
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            while (true) {
                int before = in.available();
                LogEntry entry;
                try {
                    entry = LogEntry.read(in);
                } catch (EOFException partial) {
                    break;
                }
                if (entry == null) {
                    break;
                }
                entries.add(entry);
                position += before - in.available();
            }
            return entries;
        }

        /**
         * Feeds {@code sink} what {@code query} asks for: the entries there are
         * (the last {@code tail}), then with {@code follow} those that come,
         * until {@code ended} says the container has ended and the log is drained.
         */
        public void read(LogQuery query, BooleanSupplier ended, Sink sink) throws IOException, InterruptedException {
            List<LogEntry> now = new ArrayList<>();
            for (List<LogEntry> batch = next(); !batch.isEmpty(); batch = next()) {
                now.addAll(batch);
            }
            if (!feed(query, now, sink) || !query.follow()) {
                return;
            }
            LogQuery after = query.withoutTail();
            while (true) {
                // Ended first, then read: what the container wrote before its end is in the log by then.
                boolean last = ended.getAsBoolean();
                for (List<LogEntry> batch = next(); !batch.isEmpty(); batch = next()) {
                    if (!feed(after, batch, sink)) {
                        return;
                    }
                }
                if (last) {
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        /** Feeds {@code sink} the entries of {@code entries} that {@code query} asks for; false: it wants no more. */
        private static boolean feed(LogQuery query, List<LogEntry> entries, Sink sink) throws IOException {
            List<LogEntry> streams = entries.stream().filter(query::wantsStream).toList();
            for (LogEntry entry : query.narrows() ? query.select(streams) : streams) {
                if (!sink.accept(entry)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
