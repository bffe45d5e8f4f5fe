package jocker.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import jocker.distribution.Scope;

/**
 * A token from a registry's token server, and how to get one: the second
 * step of the bearer flow (distribution's "Docker Registry v2
 * authentication via central service").
 *
 * <pre>
 * GET /v2/lib/bb/blobs/uploads/                  → 401 WWW-Authenticate: Bearer realm="R",service="S",scope="…"
 * GET R?service=S&amp;scope=repository:lib/bb:pull,push   (Authorization: Basic … when logged in)
 *                                                → 200 {"token": "eyJ…", "expires_in": 300, "issued_at": "…"}
 * POST /v2/lib/bb/blobs/uploads/  Authorization: Bearer eyJ…
 * </pre>
 *
 * @param value the token, opaque to the client
 * @param expires when to stop sending it
 */
public record BearerToken(String value, Instant expires) {

    /** How long a token lives when the server does not say: the spec's default, 60 s. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether it expires within the next {@code margin} (a request sent now would arrive too late). */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expires);
    }

    /**
     * Asks the challenge's realm for a token for {@code scopes}, with the
     * credentials if there are some (else anonymously).
     *
     * @throws AuthenticationException when the token server refuses (a 401 or 403)
     */
    public static BearerToken fetch(Challenge challenge, Collection<Scope> scopes, Optional<Credentials> credentials)
            throws IOException {
        String realm = challenge.param("realm");
        if (realm == null || realm.isBlank()) {
            throw new IOException("the registry's Bearer challenge names no realm (token server): " + challenge);
        }
        StringBuilder query = new StringBuilder();
        if (challenge.param("service") != null) {
            query.append("&service=").append(encode(challenge.param("service")));
        }
        for (Scope scope : scopes) {
            query.append("&scope=").append(encode(scope.toString()));
        }
        credentials.ifPresent(c -> query.append("&account=").append(encode(c.username())));
        URI uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query.substring(1)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        credentials.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        HttpResponse<byte[]> response;
        try {
            response = RegistryHttp.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a token from " + realm, e);
        }
        String message = RegistryHttp.errorMessage(response.statusCode(), response.body());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AuthenticationException("unauthorized: " + message);
        }
        if (response.statusCode() != 200) {
            throw new IOException("token server " + realm + " answered " + response.statusCode() + ": " + message);
        }
        return read(response.body(), Instant.now());
    }

    /**
     * The token server's answer: {@code token} (or OAuth's {@code access_token}) and {@code expires_in},
     * counted from {@code now} on this machine's clock ({@code issued_at} is the server's, which may differ).
     */
    static BearerToken read(byte[] body, Instant now) throws IOException {
        JsonNode doc = JSON.readTree(body);
        String token = doc == null ? "" : doc.path("token").asText(doc.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new IOException("the token server's answer holds no token");
        }
        long seconds = doc.path("expires_in").asLong(0);
        return new BearerToken(token, now.plus(seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Never the token itself. */
    @Override
    public String toString() {
        return "BearerToken[expires " + expires + "]";
    }
}
