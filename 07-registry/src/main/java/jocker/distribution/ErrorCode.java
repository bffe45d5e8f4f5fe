package jocker.distribution;

import java.util.Arrays;

/**
 * The error codes of the OCI distribution spec ("Error Codes", spec 1.1) and
 * the few distribution adds, each with the HTTP status a registry answers it
 * with. A registry's error body lists them:
 *
 * <pre>
 * {"errors": [{"code": "BLOB_UNKNOWN", "message": "blob unknown to registry", "detail": "sha256:…"}]}
 * </pre>
 *
 * The server answers with them; the client reads them back with {@link #of}.
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests"),
    /** distribution's: a chunk that does not start where the upload ends. */
    RANGE_INVALID(416, "invalid content range"),
    /** distribution's: a bad {@code n} in a tags or catalog page. */
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Anything else (distribution's {@code UNKNOWN}). */
    UNKNOWN(500, "unknown error");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status the spec gives this code. */
    public int status() {
        return status;
    }

    /** The spec's message for this code. */
    public String message() {
        return message;
    }

    /** The code named {@code code} in an error body; {@link #UNKNOWN} for one this enum does not know. */
    public static ErrorCode of(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst().orElse(UNKNOWN);
    }
}
