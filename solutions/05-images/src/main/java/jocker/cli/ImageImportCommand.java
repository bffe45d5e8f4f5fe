package jocker.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jocker.images.ImageImport;
import jocker.images.LocalImages;
import jocker.images.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker import}: a tar of a root file system becomes a one-layer image, as {@code docker import}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a root file system tar (plain, gzip or zstd; - for stdin) as a one-layer image.")
public final class ImageImportCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A comment for the imported image.")
    private String message;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The tar, or - for stdin.")
    private String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Name the image.")
    private String name;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        Reference tag = name != null ? Reference.parse(name) : null; // a bad name fails before any work
        LocalImages.Image image;
        if (source.equals("-")) {
            image = new ImageImport(images).importTar(System.in, "-", tag, message);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(source))) {
                image = new ImageImport(images).importTar(in, source, tag, message);
            }
        }
        System.out.println(image.id());
        return 0;
    }
}
