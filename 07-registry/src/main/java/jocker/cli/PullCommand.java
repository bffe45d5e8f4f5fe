package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jocker.api.client.RemoteTransfers;
import jocker.distribution.Distribution;
import jocker.distribution.auth.Authenticator;
import jocker.images.ImageException;
import jocker.images.ImageIndex;
import jocker.images.LocalImages;
import jocker.images.Reference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker pull}: an image from its registry into the store. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Download an image from a registry.",
            "HOST:PORT/REPO[:TAG|@DIGEST]; plain HTTP for loopback registries and --insecure-registry ones.",
            "Every blob is checked against its digest before it is stored."})
public final class PullCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]", description = "The image to pull.")
    private String name;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Only linux/amd64, the host's.")
    private String platform;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's name.")
    private boolean quiet;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Reach this registry over plain HTTP (loopback ones always are).")
    private List<String> insecure = new ArrayList<>();

    @Override
    public int chapter() {
        return 7;
    }

    /** Options after the name too, as docker takes them: nothing after it is a container's command. */
    @Override
    public void extend(CommandLine commandLine, int upTo) {
        commandLine.setStopAtPositional(false);
    }

    @Override
    public Integer call() throws Exception {
        if (platform != null && !platform.equals(ImageIndex.HOST.toString())) {
            throw new ImageException("--platform " + platform + ": this engine runs " + ImageIndex.HOST
                    + " images only");
        }
        Reference reference = Reference.parse(name);
        Optional<RemoteTransfers> daemon = DistributionCli.daemon(spec, insecure);
        LocalImages images = daemon.isPresent() ? null : ImageCli.images(spec);
        if (!quiet && reference.digest() == null && !name.contains(":" + reference.tag())) {
            System.out.println("Using default tag: " + reference.tag());
        }
        if (daemon.isPresent()) {
            try (RemoteTransfers d = daemon.get()) {
                d.pull(reference, DistributionCli.progress(quiet));
            }
        } else {
            Distribution.pull(images, reference, Authenticator.fromConfig(),
                    DistributionCli.progress(quiet), DistributionCli.options(insecure));
        }
        if (quiet) {
            System.out.println(reference);
        }
        return 0;
    }
}
