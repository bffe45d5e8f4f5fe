package jocker.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An image manifest, OCI ({@link MediaTypes#OCI_MANIFEST}) or Docker v2.2
 * ({@link MediaTypes#DOCKER_MANIFEST}): the two have the same fields. It
 * names the image's config and its layers, bottom first, by digest.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                       Map<String, String> annotations) {

    public Manifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** An OCI manifest of {@code config} and {@code layers}. */
    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers, null);
    }

    /** Parses and checks a manifest blob: schema 2, a config, layers of known types. */
    public static Manifest parse(byte[] json, String what) {
        Manifest m = ImageJson.read(json, Manifest.class, what);
        if (m.schemaVersion() != 2) {
            throw new ImageException(what + ": schemaVersion " + m.schemaVersion()
                    + " is not supported (Docker's schema 1 was retired in 2019; want 2)");
        }
        if (m.mediaType() != null && !MediaTypes.MANIFESTS.contains(m.mediaType())) {
            throw new ImageException(what + ": media type " + m.mediaType() + " is not an image manifest");
        }
        if (m.config() == null) {
            throw new ImageException(what + ": the manifest names no config");
        }
        m.config().digestValue();
        for (Descriptor layer : m.layers()) {
            layer.digestValue();
            if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
                throw new ImageException(what + ": layer " + layer.digest() + " has media type "
                        + layer.mediaType() + ", which is not a layer this engine can unpack");
            }
        }
        return m;
    }
}
