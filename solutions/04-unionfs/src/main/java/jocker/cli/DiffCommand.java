package jocker.cli;

import java.util.concurrent.Callable;
import jocker.unionfs.Change;
import jocker.unionfs.Commit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker diff}: what a container changed in its file system, read from its upper layer. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"List the files a container added (A), changed (C) and deleted (D) against its image.",
            "Read from the container's upper layer; it may be running or not."})
public final class DiffCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Parameters(paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Override
    public int chapter() {
        return 4;
    }

    @Override
    public Integer call() throws Exception {
        Jocker.requireRoot(LayerCli.WHY_ROOT);
        for (Change change : new Commit(jocker.root()).diff(container)) {
            System.out.println(change);
        }
        return 0;
    }
}
