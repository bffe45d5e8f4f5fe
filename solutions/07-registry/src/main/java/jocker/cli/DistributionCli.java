package jocker.cli;

import java.util.List;
import java.util.Set;
import jocker.distribution.Distribution;
import jocker.distribution.Progress;

/** What {@code jocker pull} and {@code jocker push} share: the options, and where progress goes. */
final class DistributionCli {

    private DistributionCli() {
    }

    static Distribution.Options options(List<String> insecure) {
        return new Distribution.Options(Set.copyOf(insecure), Distribution.Options.defaults().parallel());
    }

    /** Bars on a terminal, a line per state elsewhere, nothing with {@code -q}. */
    static Progress progress(boolean quiet) {
        return quiet ? Progress.silent() : new ProgressPrinter(System.out, ImageCli.isTerminal(1));
    }
}
