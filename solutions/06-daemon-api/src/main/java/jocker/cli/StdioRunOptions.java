package jocker.cli;

import jocker.engine.CreateRequest;
import jocker.stdio.StdioOptions;
import picocli.CommandLine.Option;

/**
 * Chapter 6's options of {@code jocker run}: {@code -t} gives the container
 * a pseudo-terminal (in the foreground, jocker relays it to the user's
 * terminal, in raw mode); {@code -i} keeps its stdin open.
 *
 * <pre>
 * jocker run -it busybox sh
 * jocker run -d -it --name box busybox sh     (then through jockerd: docker attach box)
 * </pre>
 */
public final class StdioRunOptions implements RunOptions {

    @Option(names = {"-t", "--tty"}, description = "Give the container a pseudo-terminal.")
    private boolean tty;

    @Option(names = {"-i", "--interactive"}, description = "Keep the container's stdin open.")
    private boolean interactive;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        return tty || interactive ? request.with(new StdioOptions(tty, interactive, interactive)) : request;
    }
}
