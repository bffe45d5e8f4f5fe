package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One step of {@code GET /images/{name}/history}, newest first. Only the
 * top step is an image here; the others have the {@code Id}
 * {@code <missing>}, as Docker shows an image it pulled or loaded.
 */
public record ImageHistoryItem(@JsonProperty("Id") String id,
                               @JsonProperty("Created") long created,
                               @JsonProperty("CreatedBy") String createdBy,
                               @JsonProperty("Tags") List<String> tags,
                               @JsonProperty("Size") long size,
                               @JsonProperty("Comment") String comment) {
}
