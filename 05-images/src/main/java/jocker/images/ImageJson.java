package jocker.images;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * JSON of the image documents. Blobs are kept as the bytes they came as:
 * a document is parsed to be read, and written only when this engine makes
 * a new one (commit, build, an index), since its digest is of its bytes.
 */
public final class ImageJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ImageJson() {
    }

    /** Parses {@code json}; a malformed document is an {@link ImageException} naming {@code what}. */
    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ImageException(what + ": empty JSON document");
            }
            return value;
        } catch (IOException e) {
            throw new ImageException(what + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The compact JSON bytes of {@code value}, as a new blob is written. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON of " + value, e);
        }
    }
}
