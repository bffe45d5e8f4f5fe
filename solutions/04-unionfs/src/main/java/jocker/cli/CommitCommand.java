package jocker.cli;

import java.util.concurrent.Callable;
import jocker.images.Images;
import jocker.unionfs.Commit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker commit}: a container's upper layer becomes a new image's top layer. */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = {"Make an image of a container's changes: its image's layers, and its upper layer on top.",
            "A running container is paused while its layer is written."})
public final class CommitCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A comment, kept with the image.")
    private String message;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]", description = "The new image (TAG defaults to latest).")
    private String reference;

    @Override
    public int chapter() {
        return 4;
    }

    @Override
    public Integer call() throws Exception {
        Jocker.requireRoot(LayerCli.WHY_ROOT);
        Images.parse(reference); // a bad name fails before any work
        Images.Image image = new Commit(jocker.root()).commit(container, reference, message);
        System.out.println(image.layers().get(image.layers().size() - 1));
        return 0;
    }
}
