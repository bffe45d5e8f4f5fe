package jocker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of the JSON streams that build, load, import, pull and push
 * answer with: the client prints {@code stream} as it is and {@code status}
 * as a line ({@code id: status} when there is an {@code id}, a layer's short
 * ID; on a terminal, the line of that ID is redrawn with a bar drawn from
 * {@code progressDetail}), hands {@code aux} to the command
 * ({@code docker build} takes the image ID from it) and stops with
 * {@code error}: the HTTP status (200) went out with the first line, so a
 * failure can only be told in the body.
 *
 * <pre>
 * {"stream":"Step 1/3 : FROM busybox\n"}
 * {"status":"Downloading","progressDetail":{"current":32768,"total":2097152},"progress":"[&gt;   ] …","id":"3f4d90098f5b"}
 * {"aux":{"ID":"sha256:…"}}
 * {"errorDetail":{"message":"…"},"error":"…"}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonMessage(@JsonProperty("stream") String stream,
                          @JsonProperty("status") String status,
                          @JsonProperty("progressDetail") ProgressDetail progressDetail,
                          @JsonProperty("progress") String progress,
                          @JsonProperty("id") String id,
                          @JsonProperty("aux") Map<String, Object> aux,
                          @JsonProperty("errorDetail") ErrorDetail errorDetail,
                          @JsonProperty("error") String error) {

    /** {@code {"message":"…"}}. */
    public record ErrorDetail(@JsonProperty("message") String message) {
    }

    /** {@code {"current":…,"total":…}}, bytes; {@code {}} for a step without a count. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressDetail(@JsonProperty("current") Long current, @JsonProperty("total") Long total) {

        public static final ProgressDetail NONE = new ProgressDetail(null, null);
    }

    public static JsonMessage stream(String text) {
        return new JsonMessage(text, null, null, null, null, null, null, null);
    }

    public static JsonMessage status(String text) {
        return new JsonMessage(null, text, null, null, null, null, null, null);
    }

    /** One item's state ({@code id}: a layer's short ID, or a tag), with its bytes and bar when it has them. */
    public static JsonMessage progress(String id, String status, ProgressDetail detail, String bar) {
        return new JsonMessage(null, status, detail, bar, id, null, null, null);
    }

    public static JsonMessage imageId(String id) {
        return aux(Map.of("ID", id));
    }

    /** What the command itself uses: {@code {"ID":…}} after a build, {@code {"Tag","Digest","Size"}} after a push. */
    public static JsonMessage aux(Map<String, Object> aux) {
        return new JsonMessage(null, null, null, null, null, aux, null, null);
    }

    public static JsonMessage error(String message) {
        return new JsonMessage(null, null, null, null, null, null, new ErrorDetail(message), message);
    }
}
