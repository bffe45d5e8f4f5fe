package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.cli.ProcessOptions;
import jocker.engine.ContainerEngine;
import jocker.runtime.Stdio;
import jocker.security.UserIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker exec}. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run a command in a running container: in its namespaces and its file tree.",
            "The exit status is the command's."},
        footer = {"", "Example:", "  jocker exec web ps"})
public final class ExecCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable.")
    private List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside.")
    private String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]",
            description = "Run as this numeric user and group (default: the container's).")
    private String user;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    private List<String> command;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        UserIds ids = user == null ? null : UserIds.parse(user); // a bad -u fails before anything is made
        ContainerEngine engine = ContainerCli.engine(jocker);
        return engine.exec(container, command, ProcessOptions.environment(List.of(), env, System.getenv()), workdir, ids,
                Stdio.inherit());
    }
}
