package jocker.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.engine.ContainerEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop running containers: SIGTERM (or the image's StopSignal), then SIGKILL after a timeout.")
public final class StopCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait after the stop signal before SIGKILL (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        ContainerEngine engine = ContainerCli.engine(jocker);
        return ContainerCli.forEach(containers, c -> engine.stop(c, Duration.ofSeconds(seconds)));
    }
}
