package jocker.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import jocker.distribution.auth.Authenticator;

/**
 * Requests to one repository of one registry, over HTTP/1.1 as the
 * distribution spec describes them ({@code /v2/<name>/manifests/…},
 * {@code /v2/<name>/blobs/…}). A {@code 401} is answered once: the
 * {@link Authenticator} turns the {@code WWW-Authenticate} challenge into an
 * {@code Authorization} header (Basic, or a Bearer token for
 * {@link #scope}), and the request goes again with it, as do all later
 * ones. Every error answer becomes a {@link RegistryException} that says
 * what the registry said.
 */
public final class RegistryClient {

    private final RegistryEndpoint endpoint;
    private final String repository;
    private final Scope scope;
    private final Authenticator auth;
    private final HttpClient http;
    private volatile String authorization;

    /** A client of {@code repository} (such as {@code lib/bb}) at {@code endpoint}, for {@code scope}. */
    public RegistryClient(RegistryEndpoint endpoint, String repository, Scope scope, Authenticator auth)
            throws IOException {
        this.endpoint = endpoint;
        this.repository = repository;
        this.scope = scope;
        this.auth = auth;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL);
        if (endpoint.base().getScheme().equals("https")) {
            builder.sslContext(endpoint.sslContext());
        }
        this.http = builder.build();
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    public String repository() {
        return repository;
    }

    /** {@code /v2/<repository>/<rest>} on the registry. */
    public URI uri(String rest) {
        return endpoint.base().resolve("/v2/" + repository + "/" + rest);
    }

    /** A location the registry answered (often relative, {@code /v2/…/uploads/<uuid>?_state=…}), made absolute. */
    public URI resolve(String location) {
        return endpoint.base().resolve(location);
    }

    /**
     * Sends {@code request}; the body of a successful answer (status below
     * 400) is read by {@code handler}, an error answer's becomes a
     * {@link RegistryException} naming {@code what}.
     */
    @SuppressWarnings("unchecked")
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String what)
            throws IOException {
        HttpResponse.BodyHandler<Object> either = info -> info.statusCode() >= 400
                ? (HttpResponse.BodySubscriber<Object>) (Object) HttpResponse.BodySubscribers.ofByteArray()
                : (HttpResponse.BodySubscriber<Object>) (Object) handler.apply(info);
        HttpResponse<Object> response = exchange(request, either, what);
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            String answer = auth.authorize(endpoint.base(), challenge, scope);
            if (answer == null || answer.equals(authorization)) {
                throw withHint(RegistryException.of(401, (byte[]) response.body(), what));
            }
            authorization = answer;
            response = exchange(request, either, what);
        }
        if (response.statusCode() >= 400) {
            throw RegistryException.of(response.statusCode(), (byte[]) response.body(), what);
        }
        return (HttpResponse<T>) (Object) response;
    }

    private HttpResponse<Object> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<Object> handler,
            String what) throws IOException {
        HttpRequest.Builder copy = request.copy();
        String header = authorization;
        if (header != null) {
            copy.setHeader("Authorization", header);
        }
        try {
            return http.send(copy.build(), handler);
        } catch (ConnectException e) {
            throw new IOException(what + ": cannot reach " + endpoint.base() + ": " + why(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what + ": interrupted");
        }
    }

    /** Why a connection failed, in words: java.net.http's exceptions often carry none. */
    private static String why(ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "no such host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "connection refused";
    }

    private RegistryException withHint(RegistryException e) {
        return new RegistryException(e.status(), e.code(), e.getMessage()
                + " (jocker login " + endpoint.domain() + " gives credentials)");
    }

    /**
     * {@code GET /v2/}, as docker does first: whether the registry speaks
     * the distribution API, and, when it asks for credentials, the
     * challenge (its 401 has a body that says why, a {@code HEAD}'s has not).
     */
    public void ping(String what) throws IOException {
        try {
            send(HttpRequest.newBuilder(endpoint.base().resolve("/v2/")).GET(),
                    HttpResponse.BodyHandlers.discarding(), what);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                throw new RegistryException(404, e.code(), what + ": " + endpoint.base()
                        + " is no registry: GET /v2/ answered 404");
            }
            throw e;
        }
    }

    /** {@code HEAD}: the answer's headers, or empty on 404 (a blob or manifest that is not there). */
    public Optional<HttpResponse<Void>> head(URI uri, String what) throws IOException {
        try {
            return Optional.of(send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                    HttpResponse.BodyHandlers.discarding(), what));
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A streamed {@code GET}, for blobs. */
    public HttpResponse<InputStream> stream(URI uri, String what) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofInputStream(), what);
    }
}
