package jocker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;
import jocker.distribution.ErrorCode;
import jocker.images.Digest;
import jocker.images.MediaTypes;

/**
 * What a registry lists (OCI distribution spec, "Content discovery"): a
 * repository's tags, the repositories ({@code _catalog}, distribution's),
 * and the manifests that refer to a manifest (the referrers API: signatures,
 * SBOMs, attestations pushed with a {@code subject}).
 */
final class Listings {

    private final RegistryStorage storage;

    Listings(RegistryStorage storage) {
        this.storage = storage;
    }

    /** {@code GET /v2/NAME/tags/list?n=&last=}: {@code {"name":…,"tags":[…]}}, a page at a time. */
    void tags(ApiRequest request, ApiResponse response, String name) throws IOException {
        if (!request.method().equals("GET")) {
            throw Blobs.unsupported(request);
        }
        if (!storage.exists(name)) {
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name + " is not known", name);
        }
        Integer n = number(request);
        Page page = Page.of(storage.tags(name), n, request.query("last"));
        link(response, page, "/v2/" + name + "/tags/list", n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", page.entries());
        response.json(200, body);
    }

    /** {@code GET /v2/_catalog?n=&last=}: {@code {"repositories":[…]}}. */
    void catalog(ApiRequest request, ApiResponse response) throws IOException {
        Integer n = number(request);
        Page page = Page.of(storage.repositories(), n, request.query("last"));
        link(response, page, "/v2/_catalog", n);
        response.json(200, Map.of("repositories", page.entries()));
    }

    private static Integer number(ApiRequest request) {
        String n = request.query("n");
        try {
            return n == null || n.isEmpty() ? null : Integer.valueOf(n);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a number: " + n, n);
        }
    }

    private static void link(ApiResponse response, Page page, String path, Integer n) {
        String link = n == null ? null : page.link(path, n);
        if (link != null) {
            response.header("Link", link);
        }
    }

    /**
     * {@code GET /v2/NAME/referrers/DIGEST[?artifactType=…]}: an OCI index
     * listing the manifests whose {@code subject} is DIGEST, each with its
     * {@code artifactType} (its config's media type when it has none) and
     * annotations; an unknown subject has none (200 and an empty list).
     */
    void referrers(ApiRequest request, ApiResponse response, String name, String reference) throws IOException {
        if (!request.method().equals("GET")) {
            throw Blobs.unsupported(request);
        }
        Digest subject = Names.digest(reference);
        String filter = request.query("artifactType");
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Digest digest : storage.referrers(name, subject)) {
            RegistryStorage.StoredManifest manifest = storage.manifest(name, digest);
            if (manifest == null) {
                continue;
            }
            JsonNode json = RegistryApi.JSON.readTree(manifest.bytes());
            String artifactType = json.path("artifactType").asText(json.path("config").path("mediaType")
                    .asText(null));
            if (filter != null && !filter.equals(artifactType)) {
                continue;
            }
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("mediaType", manifest.mediaType());
            descriptor.put("digest", digest.toString());
            descriptor.put("size", manifest.bytes().length);
            if (artifactType != null) {
                descriptor.put("artifactType", artifactType);
            }
            if (json.path("annotations").isObject()) {
                descriptor.put("annotations", json.get("annotations"));
            }
            manifests.add(descriptor);
        }
        if (filter != null) {
            response.header("OCI-Filters-Applied", "artifactType");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", manifests);
        response.bytes(200, MediaTypes.OCI_INDEX, RegistryApi.JSON.writeValueAsBytes(index));
    }
}
