package jocker.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.Exercise;
import jocker.distribution.ErrorCode;

/**
 * The {@code Content-Range} of a chunk {@code PATCH}ed to an upload
 * session: {@code <start>-<end>}, both inclusive (the spec's form, without
 * HTTP's {@code bytes} unit). Chunks must come in order, each starting where
 * the upload ends; the registry refuses anything else with 416, and the
 * client asks {@code GET} on the session where to resume.
 */
final class ContentRange {

    private static final Pattern RANGE = Pattern.compile("(?:bytes[= ])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");

    private ContentRange() {
    }

    /**
     * Checks a chunk's {@code Content-Range} against the {@code size} the
     * upload has so far and the chunk's {@code Content-Length} ({@code -1}
     * when unknown, a chunked body). A null range is a chunk that follows
     * on, as dockerd sends them. Returns the number of bytes the chunk holds,
     * {@code -1} when unknown.
     */
    // tag::content-range[]
    static long check(String contentRange, long size, long contentLength) {
        if (contentRange == null) {
            return contentLength;
        }
        Matcher m = RANGE.matcher(contentRange.trim());
        if (!m.matches()) {
            throw new RegistryException(ErrorCode.RANGE_INVALID,
                    "invalid Content-Range '" + contentRange + "': want <start>-<end>", contentRange);
        }
        // Exercise 7.1: the chunk must start where the upload ends (start == size) and end at
        //   or after its start (RANGE_INVALID, 416, otherwise); its length end - start + 1 must match
        //   a known Content-Length (SIZE_INVALID otherwise).
        return Exercise.todo("7.1", "the chunk must start where the upload ends (start == size) and end at or after its start (RANGE_INVALID, 416, otherwise); its length end - start + 1 must match a known Content-Length (SIZE_INVALID otherwise).");
    }
    // end::content-range[]
}
