package jocker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of the JSON streams that build, load, import and pull answer
 * with: the client prints {@code stream} as it is and {@code status} as a
 * line, hands {@code aux} to the command ({@code docker build} takes the
 * image ID from it), and stops with {@code error}: the HTTP status (200)
 * went out with the first line, so a failure can only be told in the body.
 *
 * <pre>
 * {"stream":"Step 1/3 : FROM busybox\n"}
 * {"aux":{"ID":"sha256:…"}}
 * {"errorDetail":{"message":"…"},"error":"…"}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonMessage(@JsonProperty("stream") String stream,
                          @JsonProperty("status") String status,
                          @JsonProperty("aux") Map<String, String> aux,
                          @JsonProperty("errorDetail") ErrorDetail errorDetail,
                          @JsonProperty("error") String error) {

    /** {@code {"message":"…"}}. */
    public record ErrorDetail(@JsonProperty("message") String message) {
    }

    public static JsonMessage stream(String text) {
        return new JsonMessage(text, null, null, null, null);
    }

    public static JsonMessage status(String text) {
        return new JsonMessage(null, text, null, null, null);
    }

    public static JsonMessage imageId(String id) {
        return new JsonMessage(null, null, Map.of("ID", id), null, null);
    }

    public static JsonMessage error(String message) {
        return new JsonMessage(null, null, null, new ErrorDetail(message), message);
    }
}
