package jocker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jocker.engine.ContainerEngine;
import jocker.engine.Stopper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker kill}. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Send a signal to running containers.")
public final class KillCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "KILL",
            description = "Name (KILL, SIGTERM) or number (default: ${DEFAULT-VALUE}).")
    private String signal;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        int number = Stopper.signalNumber(signal);
        ContainerEngine engine = ContainerCli.engine(jocker);
        return ContainerCli.forEach(containers, c -> engine.kill(c, number));
    }

}
