package jocker.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A container's environment, as Docker makes it from defaults and {@code -e} (or the API's {@code Env}). */
public final class Environment {

    private Environment() {
    }

    /**
     * {@code defaults}, then each option by Docker's rules: {@code KEY=VALUE}
     * sets, a bare {@code KEY} copies {@code host}'s value if it has one.
     */
    public static List<String> merge(List<String> defaults, List<String> options, Map<String, String> host) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String entry : defaults) {
            int eq = entry.indexOf('=');
            vars.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("invalid environment variable: " + option);
            } else if (eq > 0) {
                vars.put(option.substring(0, eq), option.substring(eq + 1));
            } else if (host.containsKey(option)) {
                vars.put(option, host.get(option));
            }
        }
        return vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
