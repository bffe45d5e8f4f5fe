package jocker.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A pointer to a blob, as manifests and indexes hold them: what it is, its
 * digest and its size. Readers check both before they trust the bytes.
 *
 * @param platform    in an index: the platform of the manifest it points to
 * @param annotations such as {@code org.opencontainers.image.ref.name}, in an OCI layout's index
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(String mediaType, String digest, long size, Platform platform,
                         Map<String, String> annotations) {

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest.toString(), size, null, null);
    }

    /** The digest, checked to be well formed. */
    public Digest digestValue() {
        return Digest.parse(digest);
    }

    public Descriptor withAnnotations(Map<String, String> more) {
        return new Descriptor(mediaType, digest, size, platform, more);
    }

    /** {@code os/architecture[/variant]} in an index. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Platform(String architecture, String os, String variant) {

        @Override
        public String toString() {
            return os + "/" + architecture + (variant != null && !variant.isEmpty() ? "/" + variant : "");
        }
    }
}
