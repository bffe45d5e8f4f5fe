package jocker.cli;

import jocker.cgroups.ContainerStats;
import jocker.engine.ContainerStore;
import picocli.CommandLine.Command;

/** {@code jocker unpause}: thaws what {@link PauseCommand} froze. */
@Command(name = "unpause", mixinStandardHelpOptions = true, description = "Thaw paused containers.")
public final class UnpauseCommand extends PauseCommand {

    @Override
    protected void apply(ContainerStore store, String ref) throws Exception {
        ContainerStats.unpause(store, ref);
    }
}
