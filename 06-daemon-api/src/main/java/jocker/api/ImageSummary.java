package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One image of {@code GET /images/json}, what {@code docker images} prints
 * a line of. {@code Created} is in seconds since the epoch; Docker leaves
 * {@code SharedSize} and {@code Containers} at -1 unless asked to count them.
 */
public record ImageSummary(@JsonProperty("Id") String id,
                           @JsonProperty("ParentId") String parentId,
                           @JsonProperty("RepoTags") List<String> repoTags,
                           @JsonProperty("RepoDigests") List<String> repoDigests,
                           @JsonProperty("Created") long created,
                           @JsonProperty("Size") long size,
                           @JsonProperty("SharedSize") long sharedSize,
                           @JsonProperty("VirtualSize") long virtualSize,
                           @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("Containers") long containers) {
}
