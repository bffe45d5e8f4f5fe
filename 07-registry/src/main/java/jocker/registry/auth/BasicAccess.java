package jocker.registry.auth;

import java.util.Optional;
import jocker.distribution.Scope;
import jocker.distribution.auth.Credentials;

/**
 * HTTP Basic auth (RFC 7617) against an htpasswd file: every request
 * carries {@code Authorization: Basic base64(user:password)}; a user of the
 * file may do everything, anyone else is answered 401 with
 * {@code WWW-Authenticate: Basic realm="jocker-registry"}, which makes a
 * client ask its user for a password (or, for docker, {@code docker login}).
 * Send it over TLS only: the password travels with each request.
 */
final class BasicAccess implements Access {

    static final String CHALLENGE = "Basic realm=\"" + TokenAuthority.ISSUER + "\"";

    private final Htpasswd users;

    BasicAccess(Htpasswd users) {
        this.users = users;
    }

    @Override
    public Decision check(String authorization, Scope scope) {
        if (authorization == null) {
            return Decision.unauthorized(CHALLENGE, "authentication required");
        }
        return user(authorization, users).isPresent()
                ? Decision.ALLOWED
                : Decision.unauthorized(CHALLENGE, "incorrect username or password");
    }

    /** The user whose Basic credentials {@code authorization} carries, if they are right. */
    static Optional<String> user(String authorization, Htpasswd users) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            Credentials c = Credentials.decode(authorization.substring(6));
            return users.verify(c.username(), c.password()) ? Optional.of(c.username()) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
