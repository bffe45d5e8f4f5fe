package jocker.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.engine.ContainerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jocker ps}. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List containers: the running ones, or all with -a.")
public final class PsCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-a", "--all"}, description = "Show all containers, not only running ones.")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Show only the short IDs.")
    private boolean quiet;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        List<ContainerSummary> list = ContainerCli.reader(jocker).list(all); // first: it may fail
        String format = "%-12s   %-10s   %-24s   %-14s   %-26s   %s%n";
        if (!quiet) {
            System.out.printf(format, "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES");
        }
        Instant now = Instant.now();
        for (ContainerSummary s : list) {
            if (quiet) {
                System.out.println(s.shortId());
                continue;
            }
            System.out.printf(format, s.shortId(), s.image(), abbreviate('"' + String.join(" ", s.command()) + '"'),
                    ContainerSummary.ago(s.created(), now) + " ago", s.status(), s.name());
        }
        return 0;
    }

    static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "…\"";
    }
}
