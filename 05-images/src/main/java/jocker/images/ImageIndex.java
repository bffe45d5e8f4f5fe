package jocker.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index or a Docker manifest list: one manifest per platform.
 * An OCI layout's {@code index.json} is one too.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests,
                         Map<String, String> annotations) {

    /** The platform every image here is for. */
    public static final Descriptor.Platform HOST = new Descriptor.Platform("amd64", "linux", null);

    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public static ImageIndex oci(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, manifests, null);
    }

    public static ImageIndex parse(byte[] json, String what) {
        ImageIndex index = ImageJson.read(json, ImageIndex.class, what);
        if (index.schemaVersion() != 2) {
            throw new ImageException(what + ": schemaVersion " + index.schemaVersion() + " is not supported");
        }
        return index;
    }

    // tag::platform[]
    /**
     * The manifest for {@link #HOST}, linux/amd64: an index names one per
     * platform. A manifest with no platform is taken when it is the only
     * one, as in an OCI layout that holds one image.
     */
    public Descriptor forHost(String what) {
        for (Descriptor d : manifests) {
            Descriptor.Platform p = d.platform();
            if (p != null && HOST.os().equals(p.os())
                    && HOST.architecture().equals(p.architecture())) {
                return d;
            }
        }
        if (manifests.size() == 1 && manifests.get(0).platform() == null) {
            return manifests.get(0);
        }
        List<String> platforms = manifests.stream().map(d -> String.valueOf(d.platform())).toList();
        throw new ImageException(what + ": no manifest for " + HOST + "; it has "
                + (manifests.isEmpty() ? "none" : String.join(", ", platforms)));
    }
    // end::platform[]
}
