package jocker.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jocker.images.ImageJson;

/**
 * An error answer of a registry. The distribution spec has registries send
 * a JSON body with every error,
 *
 * <pre>
 * {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"2"}}]}
 * </pre>
 *
 * which is reported as Docker reports it: the code in lowercase words, then
 * the message ({@code manifest unknown: manifest unknown}).
 */
public final class RegistryException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public RegistryException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The spec's error code of the first error, such as {@code BLOB_UNKNOWN}; null when the body had none. */
    public String code() {
        return code;
    }

    /** The error that answer {@code status} with body {@code body} reports, for the request {@code what}. */
    public static RegistryException of(int status, byte[] body, String what) {
        List<String> messages = new ArrayList<>();
        String firstCode = null;
        try {
            JsonNode errors = ImageJson.MAPPER.readTree(body).path("errors");
            for (JsonNode e : errors) {
                String code = e.path("code").asText("");
                firstCode = firstCode == null ? code : firstCode;
                String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
                messages.add(words + ": " + e.path("message").asText(""));
            }
        } catch (IOException | RuntimeException notJson) {
            // said below
        }
        if (messages.isEmpty()) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            String first = text.lines().findFirst().orElse("");
            messages.add("HTTP " + status + (first.isEmpty() ? "" : ": " + abbreviate(first)));
        }
        return new RegistryException(status, firstCode, what + ": " + String.join("; ", messages));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
