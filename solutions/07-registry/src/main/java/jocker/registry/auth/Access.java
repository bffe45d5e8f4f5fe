package jocker.registry.auth;

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

    /** The access method the options ask for. */
    static Access of(Options options) {
        if (options.htpasswd() == null && options.tokenRealm() == null) {
            return anonymous();
        }
        throw new UnsupportedOperationException("TODO(auth helper): htpasswd and token access");
    }
}
