package jocker.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jocker.distribution.auth.AuthenticationException;
import jocker.distribution.auth.CredentialStore;
import jocker.distribution.auth.Credentials;
import jocker.distribution.auth.RegistryLogin;

/**
 * {@code POST /auth}: {@code docker login} through jockerd. The CLI sends
 * the credentials; the daemon checks them against the registry
 * ({@link RegistryLogin}) and says whether they work; the CLI, not the
 * daemon, then stores them (in {@code ~/.docker/config.json}) and sends them
 * with each push and pull ({@code X-Registry-Auth}).
 *
 * <pre>
 * POST /v1.41/auth {"username": "alice", "password": "…", "serveraddress": "127.0.0.1:5000"}
 * → 200 {"Status": "Login Succeeded", "IdentityToken": ""}
 * → 401 {"message": "Get \"http://127.0.0.1:5000/v2/\": unauthorized: incorrect username or password"}
 * </pre>
 *
 * <p>jockerd reaches loopback registries over plain HTTP, others over HTTPS.
 */
public final class AuthRoutes implements Routes {

    @Override
    public int chapter() {
        return 7;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/auth", (request, response) -> {
            Map<?, ?> body = request.json(Map.class);
            String username = body == null ? null : text(body.get("username"));
            if (username == null || username.isEmpty()) {
                throw ApiException.badRequest("a user name is required");
            }
            String server = text(body.get("serveraddress"));
            String registry = server == null || server.isEmpty()
                    || CredentialStore.key(server).equals(CredentialStore.DOCKER_HUB) ? "docker.io"
                    : CredentialStore.key(server);
            try {
                RegistryLogin.verify(registry, new Credentials(username,
                        text(body.get("password"))), Set.of());
            } catch (AuthenticationException refused) {
                throw new ApiException(401, refused.getMessage(), refused);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Status", "Login Succeeded");
            answer.put("IdentityToken", "");
            response.json(200, answer);
        });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
