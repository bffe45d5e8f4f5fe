package jocker.distribution;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.Exercise;

/**
 * The {@code Range} header of an upload session's answers (to a
 * {@code PATCH}, and to {@code GET} of its status): {@code 0-N}, the bytes
 * the registry holds so far, both ends counted. After a chunk was lost on
 * the way (a dropped connection), the client asks for the status and goes
 * on from where the registry is, not from where the client thought it was.
 */
public final class UploadRange {

    /** {@code 0-N}: a session's bytes always start at 0; N fits a long. */
    private static final Pattern RANGE = Pattern.compile("0-([0-9]{1,18})");

    private UploadRange() {
    }

    // tag::next-offset[]
    /**
     * The offset of the next byte to send, given a {@code Range} header:
     * {@code 0-1048575} → 1048576. A session that holds nothing answers
     * {@code 0-0} (distribution writes that for an empty upload, and a
     * one-byte one cannot be told from it: 0 is the safe answer, the bytes
     * are sent again); no header at all means nothing was received. Some
     * registries write {@code bytes=0-N}, as HTTP's own ranges are written.
     * Anything else is an {@link IllegalArgumentException} quoting it.
     */
    public static long nextOffset(String range) {
        // Exercise 7.8: null or blank → 0; strip an optional "bytes=" prefix; match RANGE
        //   (else an IllegalArgumentException quoting range); "0-N" → N + 1, but "0-0" → 0.
        return Exercise.todo("7.8", "null or blank → 0; strip an optional \"bytes=\" prefix; match RANGE (else an IllegalArgumentException quoting range); \"0-N\" → N + 1, but \"0-0\" → 0.");
    }
    // end::next-offset[]
}
