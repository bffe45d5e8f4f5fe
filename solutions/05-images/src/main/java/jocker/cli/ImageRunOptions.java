package jocker.cli;

import java.util.List;
import jocker.engine.CreateRequest;
import jocker.engine.Stopper;
import jocker.images.ImageOverrides;
import picocli.CommandLine.Option;

/**
 * Chapter 5's options of {@code jocker run}: what overrides the image's
 * config. Its {@code -u} replaces chapter 2's, which took only numbers:
 * names are now looked up in the image's {@code /etc/passwd}.
 *
 * <pre>
 * jocker run --rm -u nobody busybox id
 * jocker run --rm --entrypoint ls busybox -l /
 * jocker run -d --stop-signal SIGUSR1 busybox sh -c 'trap "echo bye; exit" USR1; while :; do sleep 1; done'
 * </pre>
 */
public final class ImageRunOptions implements RunOptions {

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Run as this user and group: names of the image's /etc/passwd and /etc/group, "
                    + "or numbers (default: the image's User, else root).")
    private String user;

    @Option(names = "--entrypoint", paramLabel = "CMD",
            description = "Run this program instead of the image's Entrypoint; \"\" clears it. The image's Cmd "
                    + "is then not used either.")
    private String entrypoint;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL",
            description = "The signal 'jocker stop' sends first (default: the image's StopSignal, else SIGTERM).")
    private String stopSignal;

    @Override
    public int chapter() {
        return 5;
    }

    /** As Docker's CLI: the entrypoint is one program, not split into words; empty, no entrypoint. */
    @Override
    public CreateRequest addTo(CreateRequest request) {
        if (stopSignal != null) {
            Stopper.signalNumber(stopSignal);
        }
        ImageOverrides overrides = new ImageOverrides(
                entrypoint == null ? null : entrypoint.isEmpty() ? List.of() : List.of(entrypoint), user, stopSignal);
        return overrides.overridesNothing() ? request : request.with(overrides);
    }
}
