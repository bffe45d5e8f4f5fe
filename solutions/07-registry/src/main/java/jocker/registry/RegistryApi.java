package jocker.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;
import jocker.api.Router;
import jocker.distribution.ErrorCode;
import jocker.distribution.Scope;
import jocker.registry.auth.Access;

/**
 * The OCI distribution API's routes. Repository names hold slashes
 * ({@code lib/bb}), so a route cannot name them with one path parameter:
 * every {@code /v2/…} request comes here and its path is read from the end
 * ({@code …/blobs/<digest>}, {@code …/manifests/<reference>}), the name
 * being what comes before. Each request is checked with {@link Access}
 * first; errors are answered in the spec's form:
 *
 * <pre>
 * {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown to registry","detail":"1"}]}
 * </pre>
 */
final class RegistryApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** How much of a refused request's body is read and dropped, so the connection can serve the next request. */
    private static final long DRAIN = 4 << 20;

    private enum Kind { UPLOADS, UPLOAD, BLOB, MANIFEST, TAGS, REFERRERS }

    private record Target(Kind kind, String name, String id) {
    }

    private static final Map<Pattern, Kind> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put(Pattern.compile("/v2/(.+)/blobs/uploads/?"), Kind.UPLOADS);
        PATHS.put(Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)"), Kind.UPLOAD);
        PATHS.put(Pattern.compile("/v2/(.+)/blobs/([^/]+)"), Kind.BLOB);
        PATHS.put(Pattern.compile("/v2/(.+)/manifests/([^/]+)"), Kind.MANIFEST);
        PATHS.put(Pattern.compile("/v2/(.+)/tags/list"), Kind.TAGS);
        PATHS.put(Pattern.compile("/v2/(.+)/referrers/([^/]+)"), Kind.REFERRERS);
    }

    private final Access access;
    private final Blobs blobs;
    private final Manifests manifests;
    private final Listings listings;

    RegistryApi(RegistryStorage storage, Access access) {
        this.access = access;
        this.blobs = new Blobs(storage, new Uploads(storage), access);
        this.manifests = new Manifests(storage);
        this.listings = new Listings(storage);
    }

    /** Adds the routes: {@code /v2/} and everything under it, and the access method's own endpoints. */
    void register(Router router) {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
            router.add(method, "/v2", this::handle);
            router.add(method, "/v2/", this::handle);
            router.add(method, "/v2/{rest*}", this::handle);
        }
        access.endpoints().forEach((path, handler) -> router.add("GET", path, handler));
    }

    private void handle(ApiRequest request, ApiResponse response) throws IOException {
        response.header("Docker-Distribution-API-Version", "registry/2.0");
        try {
            String path = request.path();
            if (path.equals("/v2") || path.equals("/v2/")) {
                allow(request, response, null);
                response.json(200, Map.of());
                return;
            }
            if (path.equals("/v2/_catalog")) {
                allow(request, response, Scope.catalog());
                listings.catalog(request, response);
                return;
            }
            Target target = target(path);
            String method = request.method();
            String action = switch (method) {
                case "GET", "HEAD" -> Scope.PULL;
                case "DELETE" -> Scope.DELETE;
                default -> Scope.PUSH;
            };
            allow(request, response, Scope.repository(target.name, action));
            switch (target.kind) {
                case UPLOADS -> blobs.startUpload(request, response, target.name);
                case UPLOAD -> blobs.upload(request, response, target.name, target.id);
                case BLOB -> blobs.blob(request, response, target.name, target.id);
                case MANIFEST -> manifests.handle(request, response, target.name, target.id);
                case TAGS -> listings.tags(request, response, target.name);
                case REFERRERS -> listings.referrers(request, response, target.name, target.id);
                default -> throw new IllegalStateException(target.kind.toString());
            }
        } catch (RegistryException e) {
            error(request, response, e);
        }
    }

    /** The endpoint a path names, with its repository (validated) and the id after it. */
    private static Target target(String path) {
        for (Map.Entry<Pattern, Kind> p : PATHS.entrySet()) {
            Matcher m = p.getKey().matcher(path);
            if (m.matches()) {
                String name = Names.repository(m.group(1));
                return new Target(p.getValue(), name, m.groupCount() > 1 ? m.group(2) : null);
            }
        }
        // A digest or reference with a slash in it ("sha256:..%2f..%2fetc%2fpasswd" arrives decoded) fits no
        // endpoint: say what is wrong with it rather than that the method is unsupported.
        if (INVALID_BLOB.matcher(path).matches()) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest in " + path, path);
        }
        if (INVALID_MANIFEST.matcher(path).matches()) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag or digest in " + path, path);
        }
        throw new RegistryException(ErrorCode.UNSUPPORTED, "no such endpoint: " + path, path);
    }

    private static final Pattern INVALID_BLOB = Pattern.compile("/v2/.+/blobs/(?!uploads(/|$)).*");
    private static final Pattern INVALID_MANIFEST = Pattern.compile("/v2/.+/manifests/.*");

    /** Asks {@link Access}; a refusal is 401 with the challenge ({@code WWW-Authenticate}), or 403. */
    private void allow(ApiRequest request, ApiResponse response, Scope scope) {
        Access.Decision decision = access.check(request.header("Authorization"), scope);
        if (decision.allowed()) {
            return;
        }
        ErrorCode code = decision.status() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.DENIED;
        if (decision.challenge() != null) {
            response.header("WWW-Authenticate", decision.challenge());
        }
        String message = decision.message() != null ? decision.message() : code.message();
        throw new RegistryException(code, message, scope == null ? null : scope.toString());
    }

    /** Writes {@code e} as the spec's error body, after reading what the client still sends. */
    static void error(ApiRequest request, ApiResponse response, RegistryException e) throws IOException {
        drain(request.body());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", e.code().name());
        entry.put("message", e.getMessage());
        if (e.detail() != null) {
            entry.put("detail", e.detail());
        }
        response.bytes(e.code().status(), "application/json",
                JSON.writeValueAsBytes(Map.of("errors", List.of(entry))));
    }

    private static void drain(InputStream body) {
        try {
            long left = DRAIN;
            byte[] buffer = new byte[8192];
            for (int n; left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away: nothing to answer
        }
    }
}
