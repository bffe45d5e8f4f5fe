package jocker.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jocker.api.client.RemoteTransfers;
import jocker.distribution.Distribution;
import jocker.distribution.Progress;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code jocker pull} and {@code jocker push} share: the options, and where progress goes. */
final class DistributionCli {

    private DistributionCli() {
    }

    /**
     * The daemon that is to pull or push instead ({@code -H} or
     * {@code $JOCKER_HOST}), which reaches the registry itself: its own
     * {@code --insecure-registry} counts, not this command's.
     */
    static Optional<RemoteTransfers> daemon(CommandSpec spec, List<String> insecure) {
        Optional<String> host = ((Jocker) spec.root().userObject()).host();
        if (host.isPresent() && !insecure.isEmpty()) {
            throw new IllegalArgumentException("--insecure-registry: with -H the daemon reaches the registry; "
                    + "start jockerd with --insecure-registry " + insecure.get(0));
        }
        return host.map(RemoteTransfers::connect);
    }

    static Distribution.Options options(List<String> insecure) {
        return new Distribution.Options(Set.copyOf(insecure), Distribution.Options.defaults().parallel());
    }

    /** Bars on a terminal, a line per state elsewhere, nothing with {@code -q}. */
    static Progress progress(boolean quiet) {
        return quiet ? Progress.silent() : new ProgressPrinter(System.out, ImageCli.isTerminal(1));
    }
}
