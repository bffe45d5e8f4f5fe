package jocker.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jocker.images.Digest;
import jocker.images.ImageJson;
import jocker.images.MediaTypes;

/**
 * {@code GET /v2/<name>/manifests/<tag or digest>}, with the {@code Accept}
 * types a client understands: OCI and Docker manifests and indexes (a
 * registry that stores another type, or cannot convert, answers 404). The
 * bytes are kept as they came, since the manifest's digest is of its
 * bytes; that digest is checked against the one asked for, or against the
 * registry's {@code Docker-Content-Digest} when a tag was asked for.
 *
 * @param bytes     the manifest, as the registry sent it
 * @param mediaType its type: the {@code Content-Type}, else its own {@code mediaType} field
 * @param digest    the SHA-256 of {@code bytes}
 */
public record ManifestFetch(byte[] bytes, String mediaType, Digest digest) {

    /** What the client takes, as docker and skopeo send it. */
    public static final String ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
    /** distribution's limit too: a manifest is a small document. */
    static final int MAX_BYTES = 4 << 20;

    /** Fetches manifest {@code ref} (a tag, or {@code sha256:…}) of the client's repository. */
    public static ManifestFetch get(RegistryClient client, String ref, String what) throws IOException {
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(client.uri("manifests/" + ref)).header("Accept", ACCEPT).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), what);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(what + ": the manifest is larger than " + MAX_BYTES + " bytes");
        }
        Digest actual = Digest.of(bytes);
        String promised = Digest.isDigest(ref) ? ref
                : response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (promised != null && Digest.isDigest(promised) && !actual.toString().equals(promised)) {
            throw new IOException(what + ": the manifest's bytes have digest " + actual + ", not " + promised
                    + " as " + (Digest.isDigest(ref) ? "asked for" : "the registry says") + ": refused");
        }
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                .filter(t -> MediaTypes.MANIFESTS.contains(t) || MediaTypes.INDEXES.contains(t))
                .orElseGet(() -> typeInside(bytes, what));
        if (!MediaTypes.MANIFESTS.contains(type) && !MediaTypes.INDEXES.contains(type)) {
            throw new IOException(what + ": the registry sent " + (type.isEmpty() ? "a document of no media type"
                    : type) + ", which is not an OCI or Docker image manifest or index");
        }
        return new ManifestFetch(bytes, type, actual);
    }

    /** The type a manifest says it is, or (an OCI document may omit it) its fields show. */
    private static String typeInside(byte[] bytes, String what) {
        JsonNode json = ImageJson.read(bytes, JsonNode.class, what);
        String type = json.path("mediaType").asText("");
        if (type.isEmpty() && json.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        return type.isEmpty() && json.has("manifests") ? MediaTypes.OCI_INDEX : type;
    }

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }
}
