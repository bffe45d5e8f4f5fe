package jocker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jocker.cgroups.ContainerStats;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jocker pause}: the freezer stops every process of the container
 * where it stands; {@link UnpauseCommand} lets them go on.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Freeze every process of running containers (cgroup freezer).")
public class PauseCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 3;
    }

    /** What this command does: pause, or in {@link UnpauseCommand} unpause. */
    protected void apply(ContainerStore store, String ref) throws Exception {
        ContainerStats.pause(store, ref);
    }

    @Override
    public Integer call() throws Exception {
        ContainerStore store = new Engine(jocker.images().root()).store();
        return ContainerCli.forEach(containers, ref -> apply(store, ref));
    }
}
