package jocker.cli;

import jocker.api.client.LogsQuery;
import jocker.api.client.RemoteEngine;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import jocker.engine.Engine;
import jocker.stdio.ContainerStreams;
import jocker.stdio.LogEntry;
import jocker.stdio.LogQuery;
import jocker.stdio.LogTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jocker logs}, chapter 6's: the log's entries, stdout's on stdout
 * and stderr's on stderr, as {@code docker logs} prints them.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a container's output: its stdout on stdout, its stderr on stderr.",
        footer = {"", "Examples:", "  jocker logs -f --tail 10 web", "  jocker logs -t --since 10m web"})
public final class StreamLogsCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-f", "--follow"}, description = "Follow the output until the container ends.")
    private boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
            description = "Only the last N lines (default: all).")
    private String tail;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only lines from TIME on: RFC 3339 (2026-11-30T18:00:00Z), Unix seconds, or 10m, 1h30m.")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only lines before TIME (as --since).")
    private String until;

    @Option(names = {"-t", "--timestamps"}, description = "Show each line's time (RFC 3339, nanoseconds).")
    private boolean timestamps;

    @Parameters(paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public Integer call() throws Exception {
        if (jocker.host().isPresent()) { // -H: the daemon reads its log
            long from = LogTimes.parse(since);
            long to = LogTimes.parse(until);
            try (RemoteEngine daemon = RemoteEngine.connect(jocker.host().get())) {
                daemon.logs(container, new LogsQuery(follow,
                        LogTimes.tail(tail) < 0 ? "all" : tail, instant(from), instant(to), timestamps),
                        System.out, System.err);
            }
            return 0;
        }
        ContainerStreams streams = new ContainerStreams(new Engine(jocker.root()).store());
        LogQuery query = new LogQuery(follow, LogTimes.tail(tail), LogTimes.parse(since), LogTimes.parse(until),
                true, true);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        streams.logs(container, query, entry -> {
            OutputStream to = entry.stream() == LogEntry.STDERR ? err : out;
            if (timestamps) {
                to.write((LogTimes.format(entry.time()) + " ").getBytes(StandardCharsets.UTF_8));
            }
            to.write(entry.bytes());
            to.flush();
            return true;
        });
        return 0;
    }

    /** A time in nanoseconds since the epoch, 0 for none. */
    private static java.time.Instant instant(long nanos) {
        return nanos == 0 ? null : java.time.Instant.ofEpochSecond(0, nanos);
    }
}
