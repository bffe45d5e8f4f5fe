package jocker.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A request to the Engine API, as a blocking handler reads it. Query
 * parameters are read loosely as Docker's clients send them: booleans as
 * {@code 1}, {@code true} or {@code True}; a bad value is an
 * {@link ApiException} with status 400.
 */
public interface ApiRequest {

    String method();

    /** The path without the version prefix, e.g. {@code /containers/abc/json}. */
    String path();

    /** The API version the client asked for ({@code 1.41} for {@code /v1.41/…}), or the server's own. */
    String apiVersion();

    /** The path parameter {@code name} ({@code id} for {@code /containers/{id}/json}). */
    String path(String name);

    /** The query parameter's value, or null when absent. */
    String query(String name);

    /** Every value of a repeated query parameter. */
    List<String> queryAll(String name);

    /** The query parameter as a boolean; {@code otherwise} when absent. */
    boolean queryFlag(String name, boolean otherwise);

    /** The query parameter as an integer; {@code otherwise} when absent. */
    long queryLong(String name, long otherwise);

    /** Docker's {@code filters} parameter: JSON {@code {"label":["a=b"]}} (or the old {@code {"label":{"a=b":true}}}). */
    Map<String, List<String>> filters();

    /** The header's value, or null. */
    String header(String name);

    /** Every value of a header sent several times ({@code Accept}); empty when absent. */
    default List<String> headers(String name) {
        String value = header(name);
        return value == null ? List.of() : List.of(value);
    }

    /** The body as a stream (possibly large: an image archive, a build context); empty when there is none. */
    InputStream body();

    /** The body as JSON mapped to {@code type}; an empty body gives null; bad JSON is a 400 {@link ApiException}. */
    <T> T json(Class<T> type) throws IOException;
}
