package jocker.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;
import jocker.api.Router;
import jocker.distribution.Scope;

/**
 * The token server: {@code GET /token?service=S&scope=repository:lib/bb:pull,push[&account=U]},
 * with Basic credentials or none, answers a token granting what
 * {@link TokenPolicy} allows of what was asked:
 *
 * <pre>
 * {"token": "eyJ…", "access_token": "eyJ…", "expires_in": 300, "issued_at": "2026-11-30T22:40:00Z"}
 * </pre>
 *
 * <p>({@code access_token} is the same token under OAuth 2's name; clients
 * read either.) Wrong credentials are a 401, never an anonymous token: a
 * user who mistyped a password should hear so, not get a token that then
 * fails on the first push.
 */
final class TokenEndpoint implements Router.Handler {

    private final Htpasswd users;
    private final TokenAuthority authority;

    TokenEndpoint(Htpasswd users, TokenAuthority authority) {
        this.users = users;
        this.authority = authority;
    }

    @Override
    public void handle(ApiRequest request, ApiResponse response) throws Exception {
        String service = request.query("service");
        if (service != null && !service.equals(authority.service())) {
            error(response, 400, "UNSUPPORTED", "unknown service '" + service + "': this is " + authority.service());
            return;
        }
        String user = null;
        String authorization = request.header("Authorization");
        if (authorization != null) {
            user = BasicAccess.user(authorization, users).orElse(null);
            if (user == null) {
                response.header("WWW-Authenticate", BasicAccess.CHALLENGE);
                error(response, 401, "UNAUTHORIZED", "incorrect username or password");
                return;
            }
        }
        String account = request.query("account");
        if (account != null && !account.isEmpty() && !account.equals(user)) {
            error(response, 400, "DENIED", "account '" + account + "' does not match the credentials sent");
            return;
        }
        List<Scope> asked = new ArrayList<>();
        try {
            for (String value : request.queryAll("scope")) {
                for (String one : value.strip().split(" +")) { // several scopes may share one parameter
                    if (!one.isEmpty()) {
                        asked.add(Scope.parse(one));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            error(response, 400, "UNSUPPORTED", e.getMessage());
            return;
        }
        TokenAuthority.Issued issued = authority.issue(user == null ? "" : user, TokenPolicy.grant(user, asked));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token", issued.token());
        doc.put("access_token", issued.token());
        doc.put("expires_in", issued.lifetime().toSeconds());
        doc.put("issued_at", issued.issuedAt().toString());
        response.header("Cache-Control", "no-store").json(200, doc);
    }

    /** The distribution spec's error document: {@code {"errors":[{"code": …, "message": …}]}}. */
    private static void error(ApiResponse response, int status, String code, String message) throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", code);
        entry.put("message", message);
        response.json(status, Map.of("errors", List.of(entry)));
    }
}
