package jocker.distribution.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jocker.course.Exercise;

/**
 * A registry's {@code WWW-Authenticate} challenge, the header of its 401:
 * a scheme and its parameters (RFC 7235 section 2.1, RFC 6750 section 3).
 *
 * <pre>
 * Basic realm="jocker-registry"
 * Bearer realm="http://127.0.0.1:5000/token",service="jocker-registry",scope="repository:lib/bb:pull,push"
 * </pre>
 *
 * <p>Parameter names are case-insensitive and kept in lower case; values are
 * tokens or quoted strings, in which a backslash escapes the next character
 * and commas are part of the value (the scope above).
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        params = Map.copyOf(params);
    }

    /** Whether the scheme is {@code scheme} (schemes are case-insensitive: {@code bearer} is Bearer). */
    public boolean is(String scheme) {
        return this.scheme.equalsIgnoreCase(scheme);
    }

    /** The parameter {@code name} ({@code realm}, {@code service}, {@code scope}, {@code error}), or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    // tag::parse[]
    /**
     * Reads one challenge: the scheme, then {@code name=value} pairs
     * separated by commas, with optional spaces around the {@code =} and the
     * commas.
     *
     * @throws IllegalArgumentException when the header is empty, a parameter
     *     has no {@code =}, or a quoted string does not end
     */
    public static Challenge parse(String header) {
        // Exercise 7.5: the scheme runs to the first space; then, until the end, skip
        //   spaces and commas, read a name up to '=', and a value: a quoted string (a backslash
        //   escapes) or a token.
        return Exercise.todo("7.5", "the scheme runs to the first space; then, until the end, skip spaces and commas, read a name up to '=', and a value: a quoted string (a backslash escapes) or a token.");
    }
    // end::parse[]
}
