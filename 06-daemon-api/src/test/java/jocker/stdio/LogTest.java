package jocker.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jocker.course.Await;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Exercise 6.5: the container's log, entry by entry, stream by stream")
class LogTest {

    @TempDir
    Path state;
    StreamsEngine streams;

    @BeforeEach
    void setUp() {
        streams = new StreamsEngine(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        streams.close();
    }

    /** An entry as the format says, written byte by byte here, not by the code under test. */
    private static byte[] entry(int stream, long nanos, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + bytes.length).put((byte) stream).put(new byte[3]).putInt(bytes.length)
                .putLong(nanos).put(bytes).array();
    }

    @Test
    @DisplayName("entries are read back as written: stream, time to the nanosecond, bytes; then the end")
    void entriesDecode() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes(entry(1, 1_732_990_000_123_456_789L, "hi\n"));
        log.writeBytes(entry(2, 1_732_990_001_000_000_001L, "oops\n"));
        log.writeBytes(entry(1, 7, ""));
        ByteArrayInputStream in = new ByteArrayInputStream(log.toByteArray());

        LogEntry first = LogEntry.read(in);
        LogEntry second = LogEntry.read(in);
        LogEntry empty = LogEntry.read(in);

        assertThat(first.stream()).isEqualTo(1);
        assertThat(first.time()).isEqualTo(Instant.ofEpochSecond(1_732_990_000L, 123_456_789));
        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        assertThat(second.stream()).isEqualTo(2);
        assertThat(second.nanos()).isEqualTo(1_732_990_001_000_000_001L);
        assertThat(new String(second.bytes(), StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(empty.bytes()).isEmpty();
        assertThat(LogEntry.read(in)).as("at the end of the log").isNull();
        assertThat(LogEntry.read(new ByteArrayInputStream(new LogEntry(2, 42, new byte[] {0, -1, 10}).encode())))
                .satisfies(e -> assertThat(e.bytes()).containsExactly(0, -1, 10));
    }

    @Test
    @DisplayName("a container's stdout and stderr are logged apart, each line an entry, in the order written")
    void streamsApart() throws Exception {
        ContainerState c = streams.detached("echo out1; echo err1 >&2; echo out2; printf 'no newline'");
        streams.awaitExit(c.id());

        List<LogEntry> all = streams.entries(c.id(), LogQuery.all());
        List<LogEntry> out = streams.entries(c.id(), new LogQuery(false, -1, 0, 0, true, false));
        List<LogEntry> err = streams.entries(c.id(), new LogQuery(false, -1, 0, 0, false, true));

        assertThat(StreamsEngine.text(out)).isEqualTo("out1\nout2\nno newline");
        assertThat(out).extracting(LogEntry::stream).containsOnly(LogEntry.STDOUT);
        assertThat(StreamsEngine.text(err)).isEqualTo("err1\n");
        assertThat(err).extracting(LogEntry::stream).containsOnly(LogEntry.STDERR);
        assertThat(all).hasSize(4);
        assertThat(all).extracting(LogEntry::time).isSorted();
        assertThat(Duration.between(all.get(0).time(), Instant.now())).as("entries carry the time they were written")
                .isBetween(Duration.ZERO, Duration.ofMinutes(1));
        assertThat(Files.size(ContainerLog.path(streams.engine.store(), c.id())))
                .as("the log file holds the 4 entries: 16 bytes of header each, and their bytes")
                .isEqualTo(4 * 16 + "out1\nerr1\nout2\nno newline".length());
    }

    /** Entries at times 10, 20, … 10n, stdout, with texts "1\n" … "n\n". */
    private static List<LogEntry> numbered(int n) {
        List<LogEntry> entries = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            entries.add(new LogEntry(LogEntry.STDOUT, 10L * i, (i + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    @Test
    @Graded(exercise = "6.5", points = 3)
    @DisplayName("select: --tail N keeps the last N entries; 0 none, more than there are all of them")
    void selectTail() {
        assertThat(StreamsEngine.text(new LogQuery(false, 2, 0, 0, true, true).select(numbered(5)))).isEqualTo("4\n5\n");
        assertThat(new LogQuery(false, 0, 0, 0, true, true).select(numbered(5))).isEmpty();
        assertThat(StreamsEngine.text(new LogQuery(false, 9, 0, 0, true, true).select(numbered(3))))
                .isEqualTo("1\n2\n3\n");
    }

    @Test
    @Graded(exercise = "6.5", points = 3)
    @DisplayName("select: --since includes its time, --until excludes its own; the tail is taken of that span")
    void selectSpan() {
        assertThat(StreamsEngine.text(new LogQuery(false, -1, 30, 0, true, true).select(numbered(5))))
                .isEqualTo("3\n4\n5\n");
        assertThat(StreamsEngine.text(new LogQuery(false, -1, 0, 30, true, true).select(numbered(5))))
                .isEqualTo("1\n2\n");
        assertThat(StreamsEngine.text(new LogQuery(false, 1, 20, 40, true, true).select(numbered(5))))
                .as("the last of 2 and 3").isEqualTo("3\n");
        assertThat(new LogQuery(false, -1, 60, 0, true, true).select(numbered(5))).isEmpty();
    }

    @Test
    @Graded(exercise = "6.5", points = 2)
    @DisplayName("a container's log: tail keeps the last lines, since and until the lines of a time span")
    void tailAndSince() throws Exception {
        ContainerState c = streams.detached("echo 1; echo 2; echo 3; sleep 1.2; echo 4; echo 5");
        streams.awaitExit(c.id());
        List<LogEntry> all = streams.entries(c.id(), LogQuery.all());
        long fourth = all.get(3).nanos();

        assertThat(StreamsEngine.text(streams.entries(c.id(), new LogQuery(false, 2, 0, 0, true, true))))
                .isEqualTo("4\n5\n");
        assertThat(StreamsEngine.text(streams.entries(c.id(), new LogQuery(false, 0, 0, 0, true, true)))).isEmpty();
        assertThat(StreamsEngine.text(streams.entries(c.id(), new LogQuery(false, -1, fourth - 500_000_000L, 0,
                true, true)))).isEqualTo("4\n5\n");
        assertThat(StreamsEngine.text(streams.entries(c.id(), new LogQuery(false, -1, 0, fourth - 500_000_000L,
                true, true)))).isEqualTo("1\n2\n3\n");
    }

    @Test
    @Graded(exercise = "6.5", points = 2)
    @DisplayName("follow with a tail: the last line there is, then what comes, until the container exits")
    void followWithTail() throws Exception {
        ContainerState c = streams.detached("echo 1; echo 2; sleep 2; echo 3 >&2; echo 4");
        Await.until(Duration.ofSeconds(15), () -> "the first lines",
                () -> StreamsEngine.text(streams.entries(c.id(), LogQuery.all())).contains("2"));

        List<LogEntry> followed = streams.entries(c.id(), new LogQuery(true, 1, 0, 0, true, false));

        assertThat(StreamsEngine.text(followed)).as("stdout only, from the last line on").isEqualTo("2\n4\n");
    }

    @Test
    @DisplayName("follow gets what comes as it comes, and ends once the container has exited")
    void followEndsAtExit() throws Exception {
        ContainerState c = streams.detached("echo first; sleep 2; echo second; exit 3");
        Await.until(Duration.ofSeconds(15), () -> "the first line",
                () -> StreamsEngine.text(streams.entries(c.id(), LogQuery.all())).contains("first"));

        Instant start = Instant.now();
        List<LogEntry> followed = streams.entries(c.id(), new LogQuery(true, -1, 0, 0, true, true));
        Duration took = Duration.between(start, Instant.now());

        assertThat(StreamsEngine.text(followed)).isEqualTo("first\nsecond\n");
        assertThat(took).as("follow waited for the second line, and not much longer").isBetween(
                Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThat(streams.engine.store().read(c.id()).exitCode()).isEqualTo(3);
    }
}
