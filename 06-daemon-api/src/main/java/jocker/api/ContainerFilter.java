package jocker.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.course.Exercise;

/**
 * The {@code filters} of {@code GET /containers/json} (and of prune), as
 * {@code docker ps --filter} sends them: {@code {"label":["app=web"],"status":["exited"]}}.
 * Docker's rule: a container matches when it matches <em>every</em> key,
 * and a key when it matches <em>any</em> of its values.
 *
 * <ul>
 * <li>{@code id}: a prefix of the container's ID;</li>
 * <li>{@code name}: a part of its name (Docker reads a regular expression; a plain name matches itself);</li>
 * <li>{@code status}: its state, one of {@link #STATES};</li>
 * <li>{@code label}: {@code key} (the label is there, any value) or {@code key=value};</li>
 * <li>{@code ancestor}: the image it was made from, by the name it was given, by its full
 *     reference ({@code busybox} is {@code docker.io/library/busybox:latest}), or by a prefix of its ID.</li>
 * </ul>
 */
public final class ContainerFilter {

    /** The keys this filter knows: any other is refused (400), as Docker does. */
    public static final Set<String> KEYS = Set.of("id", "name", "status", "label", "ancestor");
    /** The states Docker accepts for {@code status}. */
    public static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private ContainerFilter() {
    }

    /**
     * One container as the filter sees it.
     *
     * @param state         Docker's word: running, paused, exited …
     * @param image         the image as the container was created from it ({@code busybox})
     * @param imageNames    other names of that image: its full reference, its ID ({@code sha256:…})
     */
    public record Candidate(String id, String name, String state, Map<String, String> labels, String image,
                            List<String> imageNames) {
    }

    /** Refuses a key or a status this filter does not know, with Docker's messages. */
    public static void check(Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw ApiException.badRequest("invalid filter '" + e.getKey() + "'");
            }
            if (e.getKey().equals("status")) {
                for (String status : e.getValue()) {
                    if (!STATES.contains(status)) {
                        throw ApiException.badRequest("Unrecognised filter value for status: " + status);
                    }
                }
            }
        }
    }

    // tag::matches[]
    /** Whether container {@code c} matches every key of {@code filters}, each by any value. */
    public static boolean matches(Map<String, List<String>> filters, Candidate c) {
        // Exercise 6.3: every key must match (an empty list of values matches anything)
        //   and a key matches when any of its values does: id by prefix, name by substring,
        //   status equals the state, label "k" or
        //   "k=v", ancestor the image's name or one of its other names (an ID by prefix).
        return Exercise.todo("6.3", "every key must match (an empty list of values matches anything) and a key matches when any of its values does: id by prefix, name by substring, status equals the state, label \"k\" or \"k=v\", ancestor the image's name or one of its other names (an ID by prefix).");
    }
    // end::matches[]

    /** {@code key} alone: the label is set; {@code key=value}: it is set to that. */
    static boolean hasLabel(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(filter);
        }
        return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    /** The image by the name given, by another of its names, or by a prefix of its ID. */
    static boolean isAncestor(Candidate c, String image) {
        if (image.equals(c.image())) {
            return true;
        }
        for (String name : c.imageNames()) {
            String hex = name.startsWith("sha256:") ? name.substring("sha256:".length()) : null;
            String wanted = image.startsWith("sha256:") ? image.substring("sha256:".length()) : image;
            if (name.equals(image) || hex != null && wanted.length() >= 4 && hex.startsWith(wanted)) {
                return true;
            }
        }
        return false;
    }
}
