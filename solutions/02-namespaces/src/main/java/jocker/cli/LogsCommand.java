package jocker.cli;

import java.util.concurrent.Callable;
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
        ContainerCli.reader(jocker).logs(container, System.out, System.err);
        return 0;
    }
}
