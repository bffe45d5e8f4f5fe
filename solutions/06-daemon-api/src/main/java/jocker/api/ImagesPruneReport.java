package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /images/prune}: what went, and the bytes that freed in the store. */
public record ImagesPruneReport(@JsonProperty("ImagesDeleted") List<ImageDeleteItem> imagesDeleted,
                                @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
