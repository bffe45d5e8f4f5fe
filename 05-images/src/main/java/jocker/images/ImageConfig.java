package jocker.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image's config blob, OCI's and Docker's (the same document): how to
 * run it ({@link Config}), its layers by diff ID ({@link RootFs}), and its
 * history. Its digest is the image's ID.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(String created, String author, String architecture, String os, Config config,
                          RootFs rootfs, List<History> history) {

    public ImageConfig {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The run settings, {@code Config} in Docker's words; the names are capitalised as in the JSON. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(@JsonProperty("User") String user,
                         @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                         @JsonProperty("Env") List<String> env,
                         @JsonProperty("Entrypoint") List<String> entrypoint,
                         @JsonProperty("Cmd") List<String> cmd,
                         @JsonProperty("Volumes") Map<String, Object> volumes,
                         @JsonProperty("WorkingDir") String workingDir,
                         @JsonProperty("Labels") Map<String, String> labels,
                         @JsonProperty("StopSignal") String stopSignal,
                         @JsonProperty("Shell") List<String> shell) {

        public static final Config EMPTY = new Config(null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code {"type":"layers","diff_ids":[…]}}: the uncompressed layers, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {

        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One step that made the image; {@code empty_layer} for one that changed only the config. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record History(String created, @JsonProperty("created_by") String createdBy, String author,
                          String comment, @JsonProperty("empty_layer") boolean emptyLayer) {
    }

    /** The run settings, never null. */
    public Config runConfig() {
        return config != null ? config : Config.EMPTY;
    }

    /** The diff IDs, checked. */
    public List<Digest> diffIds() {
        List<Digest> ids = new ArrayList<>();
        if (rootfs != null) {
            for (String id : rootfs.diffIds()) {
                ids.add(Digest.parse(id));
            }
        }
        return ids;
    }

    public static ImageConfig parse(byte[] json, String what) {
        ImageConfig config = ImageJson.read(json, ImageConfig.class, what);
        if (config.rootfs() == null || !"layers".equals(config.rootfs().type())) {
            throw new ImageException(what + ": the config has no rootfs of type \"layers\"");
        }
        config.diffIds();
        return config;
    }
}
