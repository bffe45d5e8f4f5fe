package jocker.volumes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's filters of {@code volume ls} and {@code volume prune}, as
 * {@code -f key=value} or the API's {@code filters} JSON: each key given
 * must match (one of its values suffices).
 *
 * <ul>
 * <li>{@code dangling=true}: no container uses the volume ({@code false}: some does);</li>
 * <li>{@code name=text}: the name contains {@code text};</li>
 * <li>{@code label=key} or {@code label=key=value}, and {@code label!=…}: has, or lacks, the label;</li>
 * <li>{@code driver=local}; {@code all} (prune, API 1.42): accepted, every unused volume is pruned anyway.</li>
 * </ul>
 */
public record VolumeFilters(Map<String, List<String>> filters) {

    private static final Set<String> KEYS = Set.of("dangling", "name", "label", "label!", "driver", "all");

    public VolumeFilters {
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("invalid filter '" + key + "'");
            }
        }
        filters = Map.copyOf(filters);
    }

    /** The API's {@code filters}: {@code {"dangling":["true"],"label":["a=b"]}}. */
    public static VolumeFilters of(Map<String, List<String>> filters) {
        return new VolumeFilters(filters == null ? Map.of() : filters);
    }

    /** {@code -f key=value} of the command line, each once or more. */
    public static VolumeFilters parse(List<String> options) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad format of filter (expected name=value): " + option);
            }
            String key = option.substring(0, eq);
            // "label!=a" splits at its "=" after the "!", as Docker's does
            filters.computeIfAbsent(key, k -> new ArrayList<>()).add(option.substring(eq + 1));
        }
        return new VolumeFilters(filters);
    }

    /** The volumes of {@code all} that match, in order. */
    public List<Volume> apply(VolumeStore store, List<Volume> all) throws IOException {
        List<Volume> out = new ArrayList<>();
        for (Volume v : all) {
            if (matches(v, filters.containsKey("dangling") && !store.users(v.name()).isEmpty())) {
                out.add(v);
            }
        }
        return out;
    }

    /** Whether {@code v} matches; {@code inUse} matters only to {@code dangling}. */
    public boolean matches(Volume v, boolean inUse) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            List<String> values = f.getValue();
            boolean ok = switch (f.getKey()) {
                case "dangling" -> values.stream().anyMatch(d -> isTrue(d) != inUse);
                case "name" -> values.stream().anyMatch(v.name()::contains);
                case "driver" -> values.contains(v.driver());
                case "label" -> values.stream().anyMatch(l -> hasLabel(v, l));
                case "label!" -> values.stream().noneMatch(l -> hasLabel(v, l));
                default -> true; // "all"
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTrue(String value) {
        return switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("invalid filter 'dangling=" + value + "'");
        };
    }

    private static boolean hasLabel(Volume v, String label) {
        int eq = label.indexOf('=');
        if (eq < 0) {
            return v.labels().containsKey(label);
        }
        return label.substring(eq + 1).equals(v.labels().get(label.substring(0, eq)));
    }
}
