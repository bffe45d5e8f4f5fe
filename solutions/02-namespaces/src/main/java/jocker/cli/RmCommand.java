package jocker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jocker.engine.ContainerEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker rm}. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove containers: their state, log and files.")
public final class RmCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-f", "--force"}, description = "Kill a running container first.")
    private boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        ContainerEngine engine = ContainerCli.engine(jocker);
        return ContainerCli.forEach(containers, c -> engine.remove(c, force));
    }
}
