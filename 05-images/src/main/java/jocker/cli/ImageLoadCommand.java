package jocker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.images.ImageArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jocker load}: the images of a docker save archive, an OCI archive or an OCI layout directory. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load images from a docker save archive or an OCI layout (a tar or a directory).",
            "Archives of dockerd 20.10 and docker 25, skopeo and umoci; plain, gzip or zstd.",
            "Every blob is checked against its digest."})
public final class ImageLoadCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE|DIR",
            description = "Read from a file or directory, not stdin.")
    private Path input;

    @Option(names = {"-q", "--quiet"}, description = "Accepted for Docker's sake: there is no progress to hide.")
    private boolean quiet;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        ImageArchive archive = new ImageArchive(ImageCli.images(spec));
        List<String> lines;
        if (input != null) {
            lines = archive.load(input.toAbsolutePath());
        } else {
            if (ImageCli.isTerminal(0)) {
                throw new IllegalStateException("requested load from stdin, but stdin is a terminal: "
                        + "use -i FILE or redirect");
            }
            lines = archive.load(System.in, "stdin");
        }
        lines.forEach(System.out::println);
        return 0;
    }
}
