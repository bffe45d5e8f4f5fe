package jocker.stdio;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Which entries of a log to read, as {@code docker logs} asks for them.
 *
 * @param follow     go on reading what the container writes until it has ended
 * @param tail       the last so many entries (lines) only; negative: all
 * @param since      entries from this time on (nanoseconds since the epoch); 0: from the start
 * @param until      entries before this time; 0: no end
 * @param stdout     entries of stdout
 * @param stderr     entries of stderr
 */
public record LogQuery(boolean follow, long tail, long since, long until, boolean stdout, boolean stderr) {

    /** Everything there is now, both streams. */
    public static LogQuery all() {
        return new LogQuery(false, -1, 0, 0, true, true);
    }

    /** Whether {@code entry} is one asked for, its tail aside. */
    public boolean wants(LogEntry entry) {
        boolean stream = entry.stream() == LogEntry.STDOUT ? stdout : entry.stream() != LogEntry.STDERR || stderr;
        return stream && entry.nanos() >= since && (until == 0 || entry.nanos() < until);
    }

    /** The entries asked for, of the entries a log has now, in order: filtered, then the last {@link #tail}. */
    public List<LogEntry> select(List<LogEntry> entries) {
        Deque<LogEntry> kept = new ArrayDeque<>();
        for (LogEntry entry : entries) {
            if (wants(entry)) {
                kept.addLast(entry);
                if (tail >= 0 && kept.size() > tail) {
                    kept.removeFirst();
                }
            }
        }
        return List.copyOf(kept);
    }
}
