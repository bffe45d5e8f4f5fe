package jocker.stdio;

import java.util.ArrayList;
import java.util.List;
import jocker.course.Exercise;

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

    /** Whether {@code entry} is of a stream asked for. */
    public boolean wantsStream(LogEntry entry) {
        return entry.stream() == LogEntry.STDOUT ? stdout : entry.stream() != LogEntry.STDERR || stderr;
    }

    /** Whether a time span or a tail narrows the entries down ({@link #select} has work to do). */
    public boolean narrows() {
        return tail >= 0 || since != 0 || until != 0;
    }

    /** The same query without its tail: for what comes after the tail was taken. */
    public LogQuery withoutTail() {
        return new LogQuery(follow, -1, since, until, stdout, stderr);
    }

    // tag::select[]
    /**
     * Of {@code entries}, in time order, those of the time span from
     * {@link #since} (included) to {@link #until} (excluded; 0: no end), and
     * of those only the last {@link #tail} ({@code docker logs --tail 2
     * --since 10m}: the last two lines of the last ten minutes).
     */
    public List<LogEntry> select(List<LogEntry> entries) {
        // Exercise 6.5: keep the entries with since <= time < until (until 0: no end),
        //   then, when tail >= 0, only the last tail of them
        return Exercise.todo("6.5", "keep the entries with since <= time < until (until 0: no end), then, when tail >= 0, only the last tail of them");
    }
    // end::select[]
}
