package jocker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker logs}: what a detached container wrote, stdout and stderr together. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the output of a detached container (stdout and stderr, in order).")
public final class LogsCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Parameters(paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        ContainerStore store = new Engine(jocker.root()).store();
        ContainerState state = store.find(container);
        Path log = store.log(state.id());
        if (Files.exists(log)) {
            System.out.flush();
            Files.copy(log, System.out);
            System.out.flush();
        }
        return 0;
    }
}
