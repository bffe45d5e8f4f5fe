package jocker.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.cgroups.ContainerStats;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jocker stats}: what the kernel counts for each container, read from
 * its cgroup. CPU % is the usage counter's growth over one interval, against
 * one CPU's worth of that interval (100 % = one CPU, as Docker shows it).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show running containers' memory, CPU and PIDs, live (or once with --no-stream).")
public final class StatsCommand implements Callable<Integer>, Subcommand {

    /** The sampling interval, as Docker's. */
    static final long INTERVAL_MS = 1000;

    @ParentCommand
    private Jocker jocker;

    @Option(names = "--no-stream", description = "Print one table and exit.")
    private boolean noStream;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER", description = "Names or IDs (default: all running).")
    private List<String> containers = new ArrayList<>();

    @Override
    public int chapter() {
        return 3;
    }

    @Override
    public Integer call() throws Exception {
        ContainerStore store = new Engine(jocker.root()).store();
        do {
            List<ContainerStats> stats = ContainerStats.sample(store, containers, Duration.ofMillis(INTERVAL_MS));
            if (!noStream) {
                System.out.print("\033[H\033[2J"); // clear the terminal, as docker stats does
            }
            System.out.printf("%-12s   %-16s   %8s   %-22s   %6s%n", "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT",
                    "PIDS");
            for (ContainerStats s : stats) {
                System.out.printf("%-12s   %-16s   %7.2f%%   %-22s   %6d%n", s.shortId(), s.name(), s.cpuPercent(),
                        bytes(s.memoryUsage()) + " / " + (s.memoryLimit() < 0 ? "unlimited" : bytes(s.memoryLimit())),
                        s.pids());
            }
            System.out.flush();
        } while (!noStream);
        return 0;
    }

    /** 1.5MiB, as Docker prints sizes. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + "B" : String.format("%.2f%s", v, units[u]);
    }
}
