package jocker.registry.auth;

import java.net.URI;
import java.util.Map;
import jocker.api.Router;
import jocker.distribution.Scope;

/**
 * The bearer token flow, as Docker Hub runs it, with the token server in
 * the registry's own process. A request without a token is answered 401
 * with a challenge that says where to get one and for what:
 *
 * <pre>
 * WWW-Authenticate: Bearer realm="http://127.0.0.1:5000/token",service="jocker-registry",
 *                   scope="repository:lib/bb:pull,push"
 * </pre>
 *
 * <p>The client fetches a token there ({@link TokenEndpoint}) and sends it
 * as {@code Authorization: Bearer …}. The registry then needs no password
 * and no user list: it checks the token's signature, expiry and audience,
 * and that the access it grants covers the request ({@link Grants}). A
 * token that does not is answered 401 again, with
 * {@code error="insufficient_scope"} (RFC 6750 section 3.1).
 */
final class TokenAccess implements Access {

    private final TokenAuthority authority;
    private final URI realm;
    private final TokenEndpoint endpoint;

    TokenAccess(Htpasswd users, TokenAuthority authority, URI realm) {
        this.authority = authority;
        this.realm = realm;
        this.endpoint = new TokenEndpoint(users, authority);
    }

    @Override
    public Decision check(String authorization, Scope scope) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Decision.unauthorized(challenge(scope, null), "authentication required");
        }
        TokenAuthority.Token token;
        try {
            token = authority.verify(authorization.substring(7).strip());
        } catch (InvalidTokenException e) {
            return Decision.unauthorized(challenge(scope, "invalid_token"), e.getMessage());
        }
        if (!Grants.covers(token.access(), scope)) {
            return Decision.unauthorized(challenge(scope, "insufficient_scope"),
                    "insufficient scope: the token does not grant " + scope);
        }
        return Decision.ALLOWED;
    }

    @Override
    public Map<String, Router.Handler> endpoints() {
        return Map.of(realm.getPath(), endpoint);
    }

    /** {@code Bearer realm="…",service="…"}, then the scope the request needs and the error, when there are. */
    String challenge(Scope scope, String error) {
        StringBuilder c = new StringBuilder("Bearer realm=").append(quote(realm.toString()))
                .append(",service=").append(quote(authority.service()));
        if (scope != null) {
            c.append(",scope=").append(quote(scope.toString()));
        }
        if (error != null) {
            c.append(",error=").append(quote(error));
        }
        return c.toString();
    }

    /** An RFC 7230 quoted string: a backslash before each quote and backslash. */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
