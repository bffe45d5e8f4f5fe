package jocker.stdio;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The times and counts of {@code docker logs}' options and of its {@code -t} output. */
public final class LogTimes {

    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LogTimes() {
    }

    /** {@code --tail}: {@code all} (or empty) is -1, all of it; else a count. */
    public static long tail(String tail) {
        if (tail == null || tail.isEmpty() || tail.equals("all")) {
            return -1;
        }
        try {
            long n = Long.parseLong(tail);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--tail must be a number of lines or 'all', not '" + tail + "'");
    }

    /**
     * {@code --since}/{@code --until}, as nanoseconds since the epoch; 0 for
     * none. Accepts what the docker CLI does: RFC 3339 times, Unix seconds
     * with an optional fraction ({@code 1732990000.5}, what the CLI sends the
     * daemon) and durations before now ({@code 10m}, {@code 1h30m}).
     */
    public static long parse(String time) {
        if (time == null || time.isEmpty() || time.equals("0")) {
            return 0;
        }
        try {
            if (time.matches("\\d+(\\.\\d{1,9})?")) {
                String[] parts = time.split("\\.");
                long nanos = parts.length == 1 ? 0 : Long.parseLong((parts[1] + "000000000").substring(0, 9));
                return Math.addExact(Math.multiplyExact(Long.parseLong(parts[0]), 1_000_000_000L), nanos);
            }
            if (time.matches("(\\d+(ms|h|m|s))+")) {
                return LogEntry.nanos(Instant.now().minus(duration(time)));
            }
            return LogEntry.nanos(OffsetDateTime.parse(time).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot read the time '" + time
                    + "': give an RFC 3339 time, Unix seconds or a duration such as 10m");
        }
    }

    /** {@code 1h30m}, {@code 10s}, {@code 500ms}. */
    private static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return total;
    }

    /** An entry's time as {@code docker logs -t} prints it: RFC 3339 with nanoseconds, UTC. */
    public static String format(Instant time) {
        return RFC3339_NANO.format(time);
    }
}
