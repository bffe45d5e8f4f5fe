package jocker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jocker volume}: Docker's management command for named volumes,
 * {@code create}, {@code ls}, {@code inspect}, {@code rm}, {@code prune}.
 *
 * <pre>
 * jocker volume create cache
 * jocker run --rm -v cache:/c busybox sh -c 'echo hi &gt; /c/f'
 * jocker volume inspect cache        # its Mountpoint holds f
 * jocker volume rm cache
 * </pre>
 */
@Command(name = "volume", mixinStandardHelpOptions = true, description = "Manage volumes.")
public final class VolumeCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void extend(CommandLine commandLine, int upTo) {
        add(commandLine, "create", new VolumeCreateCommand());
        add(commandLine, "ls", new VolumeListCommand(), "list");
        add(commandLine, "inspect", new VolumeInspectCommand());
        add(commandLine, "rm", new VolumeRemoveCommand(), "remove");
        add(commandLine, "prune", new VolumePruneCommand());
    }

    private static void add(CommandLine parent, String name, Object command, String... aliases) {
        parent.addSubcommand(name, new CommandLine(command).setStopAtPositional(true), aliases);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
