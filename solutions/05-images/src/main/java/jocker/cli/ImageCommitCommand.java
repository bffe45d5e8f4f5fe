package jocker.cli;

import java.util.concurrent.Callable;
import jocker.images.ImageCommit;
import jocker.images.LocalImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Chapter 5's {@code jocker commit}: chapter 4's, but the image is a real
 * one: a config (its parent's, with the container's command, environment
 * and working directory, and one more history entry), an OCI manifest, and
 * the container's upper layer as a blob.
 */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = {"Create a new image from a container's changes.",
            "A running container is paused while its layer is written."})
public final class ImageCommitCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Commit message.")
    private String message;

    @Option(names = {"-a", "--author"}, paramLabel = "NAME", description = "Author (e.g., \"Jo <jo@example.com>\").")
    private String author;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Name, ID or unique ID prefix.")
    private String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]",
            description = "The new image's name (TAG defaults to latest); none leaves it untagged.")
    private String reference;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        LocalImages.Image image = new ImageCommit(images.root()).commit(container, reference, message, author);
        System.out.println(image.id());
        return 0;
    }
}
