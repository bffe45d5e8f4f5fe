package jocker.distribution.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import jocker.distribution.RegistryEndpoint;

/**
 * Checks credentials against a registry before they are stored, as
 * {@code docker login} does: {@code GET /v2/}; a 401 names the scheme in
 * its challenge; answer it with the credentials (Basic: as they are;
 * Bearer: trade them for a token first) and ask again. A 200 then means
 * the registry took them. {@code GET /v2/} needs no particular scope, only
 * a valid identity, which is what login proves.
 */
public final class RegistryLogin {

    private RegistryLogin() {
    }

    /**
     * Logs in to {@code registry} ({@code host:port}, {@code docker.io}) with {@code credentials}, reached
     * as pull and push reach it ({@link RegistryEndpoint}: plain HTTP on loopback, else HTTPS).
     *
     * @throws AuthenticationException when the registry or its token server refuses them, with Docker's
     *     message: {@code Get "http://…/v2/": unauthorized: …}
     * @throws IOException when the registry cannot be reached or answers something else
     */
    public static void verify(String registry, Credentials credentials, Set<String> insecure) throws IOException {
        RegistryEndpoint endpoint = RegistryEndpoint.of(registry, insecure);
        URI base = endpoint.base();
        URI ping = base.resolve("/v2/");
        HttpClient http = base.getScheme().equals("https") // trusting certs.d's CA for it, as push and pull do
                ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(endpoint.sslContext())
                        .build()
                : RegistryHttp.client();
        HttpResponse<byte[]> first = get(http, ping, null);
        if (first.statusCode() == 200) {
            return; // a registry without access control takes anyone
        }
        String challenge = first.headers().firstValue("WWW-Authenticate").orElse(null);
        if (first.statusCode() != 401 || challenge == null) {
            throw new IOException("Get \"" + ping + "\": the registry answered " + first.statusCode()
                    + (first.statusCode() == 401 ? " without a challenge" : ": "
                    + RegistryHttp.errorMessage(first.statusCode(), first.body())));
        }
        String authorization;
        try {
            authorization = RegistryAuthenticator.with(Optional.of(credentials)).authorize(base, challenge, null);
        } catch (AuthenticationException refused) {
            throw new AuthenticationException("Get \"" + ping + "\": " + refused.getMessage());
        }
        HttpResponse<byte[]> second = get(http, ping, authorization);
        if (second.statusCode() != 200) {
            throw new AuthenticationException("Get \"" + ping + "\": unauthorized: "
                    + RegistryHttp.errorMessage(second.statusCode(), second.body()));
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, URI uri, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IOException("Get \"" + uri + "\": connection refused: is a registry listening there?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: Get \"" + uri + "\"", e);
        }
    }
}
