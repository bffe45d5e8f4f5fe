package jocker.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach a registry: over HTTPS, unless it is on this machine
 * (loopback) or named insecure ({@code --insecure-registry}), as Docker
 * decides. One {@link HttpClient} serves every request: it keeps
 * connections alive and is safe to share between threads.
 */
public final class RegistryHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL) // blobs are often served from elsewhere (S3, a CDN)
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryHttp() {
    }

    /** The shared client. */
    public static HttpClient client() {
        return CLIENT;
    }

    /** {@code http://host:port} or {@code https://host:port} for a registry named {@code host[:port]}. */
    public static URI base(String registry, Set<String> insecure) {
        String host = registry.contains("://") ? URI.create(registry).getAuthority() : registry;
        return URI.create((plainHttp(host, insecure) ? "http://" : "https://") + host);
    }

    /** Loopback ({@code localhost}, {@code 127.*}, {@code ::1}) or listed, with or without its port. */
    public static boolean plainHttp(String registry, Set<String> insecure) {
        if (insecure.contains(registry)) {
            return true;
        }
        String host = hostOf(registry);
        return insecure.contains(host) || host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** The host without its port; IPv6 without its brackets. */
    static String hostOf(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        if (r.startsWith("[")) {
            return r.substring(1, r.indexOf(']'));
        }
        int colon = r.lastIndexOf(':');
        return colon < 0 ? r : r.substring(0, colon);
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
