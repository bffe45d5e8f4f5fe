package jocker.containers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What chapter 2's commands share. */
final class Cli {

    private Cli() {
    }

    static void requireRoot() throws IOException {
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
            throw new IllegalStateException("containers need root: unshare(2), mount(2) and pivot_root(2) require"
                    + " CAP_SYS_ADMIN (try sudo)");
        }
    }

    /** Docker's rules for {@code -e}: {@code KEY=VALUE} sets, a bare {@code KEY} copies jocker's own value. */
    static List<String> environment(List<String> defaults, List<String> options) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : defaults) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("invalid environment variable: " + option);
            } else if (eq > 0) {
                env.put(option.substring(0, eq), option.substring(eq + 1));
            } else if (System.getenv(option) != null) {
                env.put(option, System.getenv(option));
            }
        }
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
