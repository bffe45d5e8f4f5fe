package jocker.images;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
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
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static {
        MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
    }

    /**
     * Go's escapes: {@code encoding/json} writes {@code <}, {@code >} and
     * {@code &} as backslash-u escapes (u003c, u003e, u0026). With
     * them, and map keys sorted, a config this engine writes is the very
     * bytes that Go tools (skopeo, containerd) write when they re-encode it,
     * as skopeo does when it converts a Docker manifest to OCI: the image ID
     * survives the copy.
     */
    private static final class GoEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final int[] ESCAPES = CharacterEscapes.standardAsciiEscapesForJSON();

        static {
            ESCAPES['<'] = CharacterEscapes.ESCAPE_CUSTOM;
            ESCAPES['>'] = CharacterEscapes.ESCAPE_CUSTOM;
            ESCAPES['&'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // lowercase hex, as Go writes it (Jackson's own escapes are uppercase)
            return ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /**
     * {@code time} as Go's {@code time.Time} writes it in JSON (RFC 3339
     * with the fraction's trailing zeros dropped): the form a config's
     * {@code created} must have for its bytes to survive a Go tool's re-encoding.
     */
    public static String timestamp(java.time.Instant time) {
        String s = time.toString(); // 2026-11-30T15:43:08.370626560Z
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        String fraction = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
    }

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
