package jocker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker tag}: one more name for an image; a name that was another image's moves. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public final class ImageTagCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]", description = "Name, ID or unique ID prefix.")
    private String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]", description = "The new name.")
    private String target;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        ImageCli.images(spec).tag(source, target);
        return 0;
    }
}
