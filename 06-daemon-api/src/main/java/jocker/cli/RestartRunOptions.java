package jocker.cli;

import jocker.daemon.RestartPolicy;
import jocker.engine.CreateRequest;
import picocli.CommandLine.Option;

/**
 * Chapter 6's option of {@code jocker run}: {@code --restart}, which only
 * the daemon's watchdog can apply; the daemonless {@code jocker} refuses it
 * with a message that says so.
 *
 * <pre>
 * jocker -H unix:///run/jocker.sock run -d --restart on-failure:2 busybox sh -c 'exit 1'
 * </pre>
 */
public final class RestartRunOptions implements RunOptions {

    @Option(names = "--restart", paramLabel = "POLICY",
            description = "Restart policy, applied by jockerd: no, on-failure[:max-retries], always, unless-stopped.")
    private String restart;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        RestartPolicy policy = RestartPolicy.parse(restart);
        return policy.restarts() ? request.with(policy) : request;
    }
}
