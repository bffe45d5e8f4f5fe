package jocker.distribution.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password for one registry, as {@code jocker login} stores
 * them and the docker CLI sends them to jockerd.
 */
public record Credentials(String username, String password) {

    public Credentials {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a user name is required");
        }
        password = password == null ? "" : password;
    }

    /** {@code base64(user:password)}: the {@code auth} field of config.json, the value of Basic auth. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header of HTTP Basic auth (RFC 7617). */
    public String basicHeader() {
        return "Basic " + encoded();
    }

    /** Reads {@link #encoded()} back; the password is what follows the first colon. */
    public static Credentials decode(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials are not base64: " + e.getMessage(), e);
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("credentials are not base64(user:password)");
        }
        return new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    /** Never the password: records print their fields. */
    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
