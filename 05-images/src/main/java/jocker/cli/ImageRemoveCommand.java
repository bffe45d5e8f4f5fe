package jocker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jocker.images.ImageException;
import jocker.images.LocalImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker rmi}: untag images, delete those left without a name, and the blobs and layers no image needs. */
@Command(name = "rmi", mixinStandardHelpOptions = true,
        description = {"Remove images, and the blobs and layers no other image or container needs.",
            "Each name is untagged; an image is deleted with its last name."})
public final class ImageRemoveCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--force"},
            description = "Remove the name even if a container uses the image (its layers stay for the container).")
    private boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Name, ID or unique ID prefix.")
    private List<String> refs;

    @Override
    public int chapter() {
        return 5;
    }

    /** Goes on past a name that fails, as Docker does, and then exits 1. */
    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        int status = 0;
        for (String ref : refs) {
            try {
                images.remove(ref, force, images::usedByContainer).forEach(System.out::println);
            } catch (ImageException e) {
                System.err.println("jocker: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
