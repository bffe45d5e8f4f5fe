package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import jocker.images.ImageConfig;

/**
 * {@code GET /images/{name}/json}, Docker's image inspect: the config's run
 * settings ({@code Config}; {@code ContainerConfig} too, which older clients
 * read), its layers by diff ID ({@code RootFS}), and {@code Created} as
 * RFC 3339 text, unlike the list's seconds.
 */
public record ImageInspect(@JsonProperty("Id") String id,
                           @JsonProperty("RepoTags") List<String> repoTags,
                           @JsonProperty("RepoDigests") List<String> repoDigests,
                           @JsonProperty("Parent") String parent,
                           @JsonProperty("Comment") String comment,
                           @JsonProperty("Created") String created,
                           @JsonProperty("DockerVersion") String dockerVersion,
                           @JsonProperty("Author") String author,
                           @JsonProperty("Config") ImageConfig.Config config,
                           @JsonProperty("ContainerConfig") ImageConfig.Config containerConfig,
                           @JsonProperty("Architecture") String architecture,
                           @JsonProperty("Os") String os,
                           @JsonProperty("Size") long size,
                           @JsonProperty("VirtualSize") long virtualSize,
                           @JsonProperty("RootFS") RootFs rootFs,
                           @JsonProperty("Metadata") Map<String, String> metadata) {

    /** {@code {"Type":"layers","Layers":["sha256:…"]}}: the diff IDs, bottom first. */
    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
    }
}
