package jocker.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.course.Exercise;
import jocker.engine.Event;

/**
 * Which events a client asked for: Docker's {@code filters} of
 * {@code GET /events} ({@code docker events --filter type=container --filter event=die}).
 * Values of one key are alternatives, keys must all match:
 * {@code {"type":["container"],"event":["start","die"]}} is a container that
 * started or died.
 *
 * <ul>
 * <li>{@code type}: {@code container}, {@code image}, {@code volume};</li>
 * <li>{@code event} (or {@code action}): the action; {@code exec_start} also matches
 *     {@code exec_start: sh -c …}, whose command follows a colon;</li>
 * <li>{@code container}: a container's event, by name or by ID or a prefix of it;</li>
 * <li>{@code image}: a container's event by the image it runs, an image's by ID or name;
 *     a name without a tag matches every tag ({@code busybox}, {@code busybox:1.36});</li>
 * <li>{@code volume}: a volume's event, by name;</li>
 * <li>{@code label}: an attribute {@code key} present, or {@code key=value}
 *     (a container's labels are attributes of its events).</li>
 * </ul>
 */
public record EventFilter(Map<String, List<String>> filters) {

    private static final Set<String> KEYS = Set.of("type", "event", "action", "container", "image", "volume",
            "label");

    /** Checks the keys: an unknown one is refused as Docker refuses it. */
    public EventFilter {
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("invalid filter '" + key + "'");
            }
        }
        filters = Map.copyOf(filters);
    }

    /** {@code --filter key=value} options, as the CLI takes them. */
    public static EventFilter parse(List<String> options) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad format of filter (expected name=value): " + option);
            }
            map.computeIfAbsent(option.substring(0, eq), k -> new java.util.ArrayList<>())
                    .add(option.substring(eq + 1));
        }
        return new EventFilter(map);
    }

    // tag::matches[]
    /** Whether {@code event} passes every key of the filter. */
    public boolean matches(Event event) {
        // Exercise 6.9: each key must match one of its values (see the class comment);
        //   a key, then a value
        return Exercise.todo("6.9", "each key must match one of its values (see the class comment); a key, then a value");
    }
    // end::matches[]

    /**
     * As moby's {@code matchImage}: the name, or the name without its tag or
     * digest ({@code busybox} matches {@code busybox:1.36}; {@code busybox:latest}
     * does not match a container created from {@code busybox}, as in Docker).
     */
    private static boolean sameImage(String wanted, String image) {
        if (image == null) {
            return false;
        }
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        String untagged = at >= 0 ? image.substring(0, at)
                : colon > image.lastIndexOf('/') && !image.startsWith("sha256:") ? image.substring(0, colon) : image;
        return wanted.equals(image) || wanted.equals(untagged);
    }

    /** {@code key} present, or {@code key=value} equal. */
    private static boolean label(String value, Map<String, String> attributes) {
        int eq = value.indexOf('=');
        return eq < 0 ? attributes.containsKey(value)
                : value.substring(eq + 1).equals(attributes.get(value.substring(0, eq)));
    }
}
