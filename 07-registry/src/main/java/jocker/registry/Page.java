package jocker.registry;

import java.util.List;
import jocker.course.Exercise;
import jocker.distribution.ErrorCode;

/**
 * One page of a sorted list (tags, the catalog), as the spec pages them: the
 * client asks for at most {@code n} entries after {@code last}, and gets a
 * {@code Link} header to the next page while more remain:
 *
 * <pre>
 * GET /v2/lib/bb/tags/list?n=2          → {"tags":["1","2"]}
 *                                          Link: &lt;/v2/lib/bb/tags/list?last=2&amp;n=2&gt;; rel="next"
 * GET /v2/lib/bb/tags/list?n=2&amp;last=2   → {"tags":["3"]}      (no Link: the last page)
 * </pre>
 *
 * @param entries the page
 * @param next the {@code last} of the next page's request, or null when this is the last page
 */
record Page(List<String> entries, String next) {

    /**
     * The page of {@code sorted} that holds up to {@code n} entries (all
     * when null) after {@code last} (from the start when null), and the
     * {@code last} that asks for the page after it.
     */
    // tag::page[]
    static Page of(List<String> sorted, Integer n, String last) {
        if (n != null && n < 0) {
            throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID,
                    "n must not be negative: " + n, String.valueOf(n));
        }
        // Exercise 7.2: keep the entries that sort after last (all when last is null), at
        //   most n of them (all when n is null); next is the last entry kept when more entries
        //   remain after it, else null.
        return Exercise.todo("7.2", "keep the entries that sort after last (all when last is null), at most n of them (all when n is null); next is the last entry kept when more entries remain after it, else null.");
    }
    // end::page[]

    /** The {@code Link} header to the next page of {@code path}, or null on the last page. */
    String link(String path, int n) {
        if (next == null) {
            return null;
        }
        return "<" + path + "?last=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)
                + "&n=" + n + ">; rel=\"next\"";
    }
}
