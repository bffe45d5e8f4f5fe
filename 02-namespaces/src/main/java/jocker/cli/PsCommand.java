package jocker.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import jocker.cli.Jocker;
import jocker.cli.Subcommand;
import jocker.engine.ContainerHook;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
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
        ContainerStore store = new ContainerStore(jocker.root());
        String format = "%-12s   %-10s   %-24s   %-14s   %-26s   %s%n";
        if (!quiet) {
            System.out.printf(format, "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES");
        }
        Instant now = Instant.now();
        for (ContainerState s : store.list()) {
            boolean running = s.isRunning();
            if (!all && !running) {
                continue;
            }
            if (quiet) {
                System.out.println(s.shortId());
                continue;
            }
            String status = running ? up(store, s, "Up " + ago(s.processStart(), now))
                    : s.exitCode() != null ? "Exited (" + s.exitCode() + ") " + ago(s.finished(), now) + " ago"
                    : ContainerState.CREATED.equals(s.status()) ? "Created" : "Exited (unknown)";
            System.out.printf(format, s.shortId(), s.image(), abbreviate('"' + String.join(" ", s.command()) + '"'),
                    ago(s.created(), now) + " ago", status, s.name());
        }
        return 0;
    }

    /** Chapter 2's status of a running container, as later chapters' hooks add to it ("(Paused)"). */
    private static String up(ContainerStore store, ContainerState state, String status) {
        for (ContainerHook hook : ContainerHook.all()) {
            status = hook.runningStatus(store, state, status);
        }
        return status;
    }

    static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "…\"";
    }

    /** "5 seconds", "3 minutes", as Docker words it. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "?";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        if (s < 3600) {
            return s / 60 + (s / 60 == 1 ? " minute" : " minutes");
        }
        if (s < 86400) {
            return s / 3600 + (s / 3600 == 1 ? " hour" : " hours");
        }
        return s / 86400 + (s / 86400 == 1 ? " day" : " days");
    }
}
