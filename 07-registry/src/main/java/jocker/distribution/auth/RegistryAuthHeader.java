package jocker.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The docker CLI's {@code X-Registry-Auth} header on {@code docker pull} and
 * {@code docker push}: the credentials it stored at {@code docker login},
 * for jockerd to use with the registry. Base64url of a JSON document,
 * padded or not (clients differ):
 *
 * <pre>
 * {"username":"u","password":"p","serveraddress":"127.0.0.1:5000"}
 * </pre>
 *
 * <p>An absent header, an empty one, or {@code {}} is anonymous. An
 * {@code identitytoken} (an OAuth refresh token some registries hand out
 * at login) is not used: jocker's registries take the password.
 */
public final class RegistryAuthHeader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryAuthHeader() {
    }

    /**
     * The credentials the header carries, empty for anonymous.
     *
     * @throws IllegalArgumentException when it is neither base64 nor JSON
     */
    public static Optional<Credentials> decode(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        JsonNode doc;
        try {
            // the URL alphabet, or the standard one some clients use: '+' and '/' read as '-' and '_'
            String url = header.strip().replace('+', '-').replace('/', '_');
            doc = JSON.readTree(Base64.getUrlDecoder().decode(url));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("X-Registry-Auth is not base64url-encoded JSON: " + e.getMessage(), e);
        }
        String username = doc == null ? "" : doc.path("username").asText("");
        if (username.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, doc.path("password").asText("")));
    }

    /** The header for {@code credentials}, as the docker CLI writes it (for tests and a jocker client of jockerd). */
    public static String encode(Credentials credentials, String serverAddress) {
        var doc = JSON.createObjectNode()
                .put("username", credentials.username())
                .put("password", credentials.password())
                .put("serveraddress", serverAddress);
        return Base64.getUrlEncoder().encodeToString(doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
