package jocker.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.images.ImageSave;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jocker save}: images as a {@code docker save} archive. To a file,
 * written beside it and renamed when whole, so a failed save leaves no
 * half archive; else to stdout, unless that is a terminal.
 */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Save images to a tar archive (docker-archive, with an OCI layout inside), to -o FILE or stdout.")
public final class ImageSaveCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file instead of stdout.")
    private Path output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Name, ID or unique ID prefix.")
    private List<String> refs;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        ImageSave save = new ImageSave(ImageCli.images(spec));
        if (output == null) {
            if (ImageCli.isTerminal(1)) {
                throw new IllegalStateException("cowardly refusing to save to a terminal: use -o FILE or redirect");
            }
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            save.save(refs, out);
            out.flush();
            return 0;
        }
        Path file = output.toAbsolutePath();
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                save.save(refs, out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
