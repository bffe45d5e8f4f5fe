package jocker.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the auth code's HTTP requests share: one {@link HttpClient} (it keeps
 * connections alive and is safe to share between threads), and reading a
 * registry's or token server's error body.
 */
public final class RegistryHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryHttp() {
    }

    /** The shared client. */
    public static HttpClient client() {
        return CLIENT;
    }

    /**
     * What a registry or token server said went wrong, from its error
     * body: the distribution spec's {@code {"errors":[{"code","message"}]}},
     * Docker Hub's token server's {@code {"details": …}}, or the status.
     */
    public static String errorMessage(int status, byte[] body) {
        try {
            JsonNode doc = JSON.readTree(body);
            if (doc != null) {
                for (String field : new String[] {"/errors/0/message", "/details", "/message"}) {
                    JsonNode m = doc.at(field);
                    if (m.isTextual() && !m.asText().isBlank()) {
                        return m.asText();
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: say the status
        }
        return "status " + status;
    }
}
