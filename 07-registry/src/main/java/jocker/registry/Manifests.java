package jocker.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;
import jocker.distribution.ErrorCode;
import jocker.images.Digest;
import jocker.images.MediaTypes;

/**
 * Manifests by tag or digest (OCI distribution spec, "Pulling manifests",
 * "Pushing manifests", "Deleting manifests"):
 *
 * <pre>
 * HEAD/GET  /v2/NAME/manifests/REFERENCE    200, Content-Type: its media type, Docker-Content-Digest
 * PUT       /v2/NAME/manifests/REFERENCE    201: checked (every blob it names is here), stored, tagged
 * DELETE    /v2/NAME/manifests/TAG          202: the tag is gone (the manifest stays)
 * DELETE    /v2/NAME/manifests/DIGEST       202: the manifest and its tags are gone
 * </pre>
 *
 * A manifest is checked before anything is written: its digest (when the
 * reference is one), its JSON, its media type, and that every blob and
 * manifest it names is in the repository (MANIFEST_BLOB_UNKNOWN otherwise).
 * Its {@code subject}, if any, need not be here: a signature may come first.
 */
final class Manifests {

    /** distribution's limit on a manifest's size. */
    static final int MAX_MANIFEST = 4 << 20;

    private final RegistryStorage storage;

    Manifests(RegistryStorage storage) {
        this.storage = storage;
    }

    void handle(ApiRequest request, ApiResponse response, String name, String reference) throws IOException {
        switch (request.method()) {
            case "GET", "HEAD" -> get(request, response, name, reference);
            case "PUT" -> put(request, response, name, reference);
            case "DELETE" -> delete(response, name, reference);
            default -> throw Blobs.unsupported(request);
        }
    }

    private void get(ApiRequest request, ApiResponse response, String name, String reference) throws IOException {
        boolean byDigest = Names.isDigest(reference);
        Digest digest = byDigest ? Names.digest(reference) : Names.isTag(reference) ? storage.tag(name, reference)
                : null;
        RegistryStorage.StoredManifest manifest = digest == null ? null : storage.manifest(name, digest);
        if (manifest == null) {
            throw unknown(name, reference);
        }
        if (!ContentNegotiation.servable(manifest.mediaType(), request.headers("Accept"), byDigest)) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, manifest.mediaType()
                    + " found, but the Accept header does not list it", reference);
        }
        response.header("Docker-Content-Digest", digest.toString())
                .header("ETag", "\"" + digest + "\"")
                .bytes(200, manifest.mediaType(), manifest.bytes());
    }

    // tag::put[]
    private void put(ApiRequest request, ApiResponse response, String name, String reference)
            throws IOException {
        byte[] bytes = request.body().readNBytes(MAX_MANIFEST + 1);
        if (bytes.length > MAX_MANIFEST) {
            throw new RegistryException(ErrorCode.SIZE_INVALID,
                    "a manifest may hold " + MAX_MANIFEST + " bytes", null);
        }
        Digest digest = Digest.of(bytes);
        String tag = null;
        if (Names.isDigest(reference)) {
            Digest named = Names.digest(reference);
            if (!named.equals(digest)) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID,
                        "the manifest's digest is " + digest + ", not " + named, named.toString());
            }
        } else if (Names.isTag(reference)) {
            tag = reference;
        } else {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID,
                    "invalid tag: '" + reference + "'", reference);
        }
        JsonNode json = parse(bytes);
        String mediaType = mediaType(request.header("Content-Type"), json);
        checkReferences(name, mediaType, json);
        Digest subject = json.hasNonNull("subject") ? descriptorDigest(json.get("subject")) : null;
        storage.putManifest(name, digest, mediaType, bytes, tag, subject);
        if (subject != null) {
            response.header("OCI-Subject", subject.toString());
        }
        response.header("Location", "/v2/" + name + "/manifests/" + digest)
                .header("Docker-Content-Digest", digest.toString())
                .empty(201);
    }
    // end::put[]

    private void delete(ApiResponse response, String name, String reference) throws IOException {
        boolean deleted = Names.isDigest(reference) ? storage.deleteManifest(name, Names.digest(reference))
                : Names.isTag(reference) && storage.deleteTag(name, reference);
        if (!deleted) {
            throw unknown(name, reference);
        }
        response.empty(202);
    }

    private static RegistryException unknown(String name, String reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is not in " + name,
                reference);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode json = RegistryApi.JSON.readTree(bytes);
            if (json == null || !json.isObject() || json.path("schemaVersion").asInt() != 2) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID, "a manifest is a JSON object with "
                        + "\"schemaVersion\": 2", null);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "the manifest is not JSON: "
                    + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "the manifest cannot be read: " + e, null);
        }
    }

    /**
     * The manifest's media type: the {@code Content-Type} it was sent with,
     * which must agree with its {@code mediaType} field when it has one; one
     * of the four manifest and index types.
     */
    private static String mediaType(String contentType, JsonNode json) {
        String header = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String field = json.path("mediaType").asText(null);
        String type = header != null && !header.equals("application/json") ? header : field;
        if (field != null && !field.equals(type)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "the manifest says it is " + field
                    + " but was sent as " + type, field);
        }
        if (type == null || !(MediaTypes.MANIFESTS.contains(type) || MediaTypes.INDEXES.contains(type))) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "unsupported manifest media type: " + type
                    + " (want an OCI or Docker image manifest or index)", type);
        }
        return type;
    }

    /** Every blob an image manifest names, and every manifest an index names, must be in the repository. */
    private void checkReferences(String name, String mediaType, JsonNode json) {
        if (MediaTypes.INDEXES.contains(mediaType)) {
            for (JsonNode child : json.path("manifests")) {
                Digest digest = descriptorDigest(child);
                if (!storage.hasBlob(name, digest) || !storage.touch(digest)) {
                    throw missing(digest);
                }
            }
            return;
        }
        if (!json.path("config").isObject()) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "an image manifest needs a config", null);
        }
        require(name, json.get("config"));
        for (JsonNode layer : json.path("layers")) {
            if (!layer.path("urls").isArray()) { // a foreign layer lives elsewhere
                require(name, layer);
            }
        }
    }

    private void require(String name, JsonNode descriptor) {
        Digest digest = descriptorDigest(descriptor);
        // touch: a gc running now spares it (see GarbageCollector)
        if (!storage.hasBlob(name, digest) || !storage.touch(digest)) {
            throw missing(digest);
        }
    }

    private static RegistryException missing(Digest digest) {
        return new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "the manifest names " + digest
                + ", which is not in the repository", digest.toString());
    }

    private static Digest descriptorDigest(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText(null);
        if (!Digest.isDigest(digest)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "a descriptor's digest is invalid: " + digest,
                    digest);
        }
        return Digest.parse(digest);
    }
}
