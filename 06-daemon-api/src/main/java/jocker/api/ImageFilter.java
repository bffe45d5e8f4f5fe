package jocker.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import jocker.course.Exercise;

/**
 * The {@code filters} of {@code GET /images/json}, as {@code docker images
 * --filter} sends them: {@code {"reference":["busybox:*"],"dangling":["true"]}}.
 * Filters of different keys must all pass; the values of one key are
 * alternatives for {@code reference} (any pattern may match) and
 * requirements for {@code label} (every label must be there).
 *
 * <ul>
 * <li>{@code reference=PATTERN}: a name of the image matches the glob
 * (Go's {@code path.Match}: {@code *} and {@code ?} stop at {@code /}),
 * with its tag ({@code busybox:1.36}) or without ({@code busybox});
 * <li>{@code dangling=true}: only images without a name; {@code false}: only named ones;
 * <li>{@code label=KEY} or {@code label=KEY=VALUE};
 * <li>{@code before=IMAGE}, {@code since=IMAGE}: made strictly before (after) that image.
 * </ul>
 *
 * @param references the patterns, any of which may match; empty: no such filter
 * @param dangling   true, false, or null for no such filter
 * @param labels     {@code KEY} or {@code KEY=VALUE}, all of which must match
 * @param before     the images must be older than this; null: no such filter
 * @param since      the images must be newer than this; null: no such filter
 */
public record ImageFilter(List<String> references, Boolean dangling, List<String> labels, Instant before,
                          Instant since) {

    /** The filters Docker's image list knows and this one does too. */
    private static final Set<String> KEYS = Set.of("reference", "dangling", "label", "before", "since");

    public ImageFilter {
        references = List.copyOf(references);
        labels = List.copyOf(labels);
    }

    /**
     * The filter {@code filters} asks for. {@code createdOf} gives the time
     * an image named by {@code before} or {@code since} was made (and throws
     * a 404 for a missing one). An unknown key or a bad value is a 400.
     */
    public static ImageFilter of(Map<String, List<String>> filters, Function<String, Instant> createdOf) {
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest("invalid filter '" + key + "': images filter by "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        Boolean dangling = null;
        String danglingValue = single(filters, "dangling");
        if (danglingValue != null) {
            dangling = switch (danglingValue.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw ApiException.badRequest("invalid filter 'dangling=" + danglingValue
                        + "': give true or false");
            };
        }
        String before = single(filters, "before");
        String since = single(filters, "since");
        return new ImageFilter(filters.getOrDefault("reference", List.of()), dangling,
                filters.getOrDefault("label", List.of()), before != null ? createdOf.apply(before) : null,
                since != null ? createdOf.apply(since) : null);
    }

    private static String single(Map<String, List<String>> filters, String key) {
        List<String> values = filters.getOrDefault(key, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest("filter '" + key + "' takes one value, not " + values.size());
        }
        return values.isEmpty() ? null : values.get(0);
    }

    // tag::matches[]
    /**
     * Whether an image passes every filter.
     *
     * @param repoTags its names as {@code docker images} shows them ({@code busybox:latest},
     *                 {@code 127.0.0.1:5000/x/y:tag}); empty for a dangling image
     * @param labels   its config's labels
     * @param created  when it was made
     */
    public boolean matches(List<String> repoTags, Map<String, String> labels, Instant created) {
        // Exercise 6.10: each kind of filter that is set must pass (dangling: has no name;
        //   reference: some name matches some pattern, see referenceMatches; label: every KEY or
        //   KEY=VALUE; before/since: strictly)
        return Exercise.todo("6.10", "each kind of filter that is set must pass (dangling: has no name; reference: some name matches some pattern, see referenceMatches; label: every KEY or KEY=VALUE; before/since: strictly)");
    }
    // end::matches[]

    /**
     * The names the list shows for an image that passed: with a
     * {@code reference} filter only those that match it, as Docker lists
     * them ({@code docker images busybox} shows no other name of the image).
     */
    public List<String> shownTags(List<String> repoTags) {
        if (references.isEmpty()) {
            return repoTags;
        }
        return repoTags.stream().filter(tag -> references.stream().anyMatch(p -> referenceMatches(p, tag))).toList();
    }

    /**
     * Whether the glob {@code pattern} matches the name {@code repoTag}
     * ({@code busybox:latest}) whole, or its repository alone
     * ({@code busybox}): Docker's {@code reference.FamiliarMatch}.
     */
    public static boolean referenceMatches(String pattern, String repoTag) {
        Pattern glob = glob(pattern);
        int colon = repoTag.lastIndexOf(':');
        String repository = colon > repoTag.lastIndexOf('/') ? repoTag.substring(0, colon) : repoTag;
        return glob.matcher(repoTag).matches() || glob.matcher(repository).matches();
    }

    /**
     * Go's {@code path.Match} pattern as a regular expression: {@code *} is
     * any run of characters but {@code /}, {@code ?} one of them,
     * {@code [a-z]} and {@code [^a-z]} a class, {@code \} quotes the next one.
     */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (++i == pattern.length()) {
                        throw ApiException.badRequest("invalid reference filter '" + pattern + "': it ends in \\");
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        throw ApiException.badRequest("invalid reference filter '" + pattern + "': a [ without ]");
                    }
                    String set = pattern.substring(i + 1, end).replace("\\", "\\\\").replace("[", "\\[");
                    regex.append('[').append(set.startsWith("^") ? "^/" + set.substring(1) : set).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
