package jocker.registry.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import jocker.api.Router;
import jocker.distribution.Scope;

/**
 * Who may do what on the registry. The server asks before it answers any
 * {@code /v2/} request; a refusal is answered 401 with the challenge
 * ({@code WWW-Authenticate}) or 403.
 */
public interface Access {

    /**
     * Whether the request with this {@code Authorization} header (null when
     * it sent none) may do {@code scope}; {@code scope} is null for
     * {@code GET /v2/} itself, which needs only a valid identity.
     */
    Decision check(String authorization, Scope scope);

    /** Endpoints this access method serves beside {@code /v2/} (the token endpoint): path to handler, all GET. */
    default Map<String, Router.Handler> endpoints() {
        return Map.of();
    }

    /** The answer to one check. */
    record Decision(boolean allowed, int status, String challenge, String message) {

        public static final Decision ALLOWED = new Decision(true, 200, null, null);

        public static Decision unauthorized(String challenge, String message) {
            return new Decision(false, 401, challenge, message);
        }

        public static Decision denied(String message) {
            return new Decision(false, 403, null, message);
        }
    }

    /** The server's options that choose the access method ({@code jocker registry serve}'s flags). */
    record Options(Path htpasswd, String tokenRealm, String tokenService) {

        public static Options anonymous() {
            return new Options(null, null, null);
        }
    }

    /** Everyone may do everything: the default on loopback. */
    static Access anonymous() {
        return (authorization, scope) -> Decision.ALLOWED;
    }

    /**
     * The access method the options ask for: none, anonymous; {@code htpasswd}
     * alone, Basic auth ({@link BasicAccess}); with {@code tokenRealm} too,
     * the bearer token flow ({@link TokenAccess}), its token endpoint served
     * at the realm's path, its users those of the htpasswd file.
     *
     * @throws IllegalArgumentException when the htpasswd file cannot be read or holds a non-bcrypt entry,
     *     when the realm is no http(s) URL with a path, or when a realm comes without an htpasswd file
     */
    static Access of(Options options) {
        if (options.htpasswd() == null && options.tokenRealm() == null) {
            return anonymous();
        }
        if (options.htpasswd() == null) {
            throw new IllegalArgumentException("--token-realm needs --htpasswd: the token endpoint checks the "
                    + "passwords of the users listed there");
        }
        Htpasswd users;
        try {
            users = Htpasswd.load(options.htpasswd());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the htpasswd file: " + e.getMessage(), e);
        }
        if (options.tokenRealm() == null) {
            return new BasicAccess(users);
        }
        URI realm;
        try {
            realm = new URI(options.tokenRealm());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--token-realm is no URL: " + e.getMessage(), e);
        }
        if (realm.getScheme() == null || !realm.getScheme().matches("https?") || realm.getRawPath() == null
                || realm.getRawPath().length() < 2 || realm.getRawPath().startsWith("/v2/")) {
            throw new IllegalArgumentException("--token-realm must be the token endpoint's URL, such as "
                    + "http://127.0.0.1:5000/token, not '" + options.tokenRealm() + "'");
        }
        String service = options.tokenService() != null ? options.tokenService() : TokenAuthority.ISSUER;
        return new TokenAccess(users, TokenAuthority.create(service), realm);
    }
}
