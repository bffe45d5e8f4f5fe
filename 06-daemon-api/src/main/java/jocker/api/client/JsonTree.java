package jocker.api.client;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's JSON as jackson-jr reads it: objects as maps (in the order
 * their fields came), arrays as lists, and strings, numbers, booleans and
 * null; and request bodies written from maps. Jackson's databind, which the
 * daemon uses, took about 90 ms of each {@code jocker -H} command to start,
 * more than the request it was for.
 */
final class JsonTree {

    private static final JSON READER = JSON.std;

    private JsonTree() {
    }

    /** The value {@code body} holds; null for an empty body. */
    static Object read(byte[] body) throws IOException {
        return READER.anyFrom(body);
    }

    /** The value {@code text} holds; null for empty text. */
    static Object read(String text) throws IOException {
        return READER.anyFrom(text);
    }

    /** {@code body}, an object, as a map; a body that is no object is the daemon's error. */
    static Map<String, Object> object(byte[] body) throws IOException {
        if (read(body) instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new IOException("the daemon's answer is not a JSON object: " + DaemonClient.text(body));
    }

    /** The value at a path of field names; null where an object or a field is missing. */
    static Object at(Object tree, String... names) {
        Object value = tree;
        for (String name : names) {
            value = value instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return value;
    }

    /** A string's value, else {@code fallback} (missing, null, or not a string). */
    static String text(Object value, String fallback) {
        return value instanceof String s ? s : fallback;
    }

    /** A number's value, else {@code fallback}. */
    static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }

    /** An array's elements; none for anything else. */
    static List<?> array(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** A request body: an object of the fields given as name, value pairs, those whose value is null left out. */
    static byte[] write(Object... namesAndValues) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return write(object);
    }

    /** A map, list or value as JSON. */
    static byte[] write(Object value) throws IOException {
        return READER.asBytes(value);
    }
}
