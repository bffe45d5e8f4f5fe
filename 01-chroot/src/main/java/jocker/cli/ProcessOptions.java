package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that shape the process in a container, shared by every
 * chapter's {@code run} (a picocli mixin): {@code -e} and {@code -w}.
 */
public final class ProcessOptions {

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]",
            description = "Set an environment variable; KEY alone copies jocker's own value.")
    private List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", defaultValue = "/",
            description = "Working directory inside the container (default: ${DEFAULT-VALUE}).")
    private String workdir;

    public String workdir() {
        return workdir;
    }

    /** The environment: {@code defaults}, then each {@code -e}, by Docker's rules (see {@link #environment(List, List, Map)}). */
    public List<String> environment(List<String> defaults) {
        return environment(defaults, env, System.getenv());
    }

    /** Docker's rules for {@code -e}: {@code KEY=VALUE} sets, a bare {@code KEY} copies jocker's own value, if it has one. */
    public static List<String> environment(List<String> defaults, List<String> options, Map<String, String> host) {
        return jocker.spec.Environment.merge(defaults, options, host);
    }
}
