package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jocker.api.client.RemoteTransfers;
import jocker.distribution.Distribution;
import jocker.distribution.auth.Authenticator;
import jocker.images.Reference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker push}: an image of the store to its registry. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Upload an image to a registry.",
            "HOST:PORT/REPO[:TAG]: the registry is the one the name says (tag the image first)."})
public final class PushCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "The image to push.")
    private String name;

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
        Reference reference = Reference.parse(name);
        Optional<RemoteTransfers> daemon = DistributionCli.daemon(spec, insecure);
        if (daemon.isPresent()) {
            try (RemoteTransfers d = daemon.get()) {
                d.push(reference, DistributionCli.progress(quiet));
            }
        } else {
            Distribution.push(ImageCli.images(spec), reference, Authenticator.fromConfig(),
                    DistributionCli.progress(quiet), DistributionCli.options(insecure));
        }
        if (quiet) {
            System.out.println(reference);
        }
        return 0;
    }
}
