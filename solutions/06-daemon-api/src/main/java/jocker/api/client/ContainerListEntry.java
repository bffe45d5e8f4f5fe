package jocker.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import jocker.engine.ContainerSummary;

/**
 * One element of {@code GET /containers/json}'s array:
 * <pre>{@code {"Id": "4f1c…", "Names": ["/web"], "Image": "busybox", "Command": "sleep 60",
 *  "Created": 1764527000, "State": "running", "Status": "Up 5 seconds"}}</pre>
 * (Engine API v1.41, ContainerList; the fields {@code jocker ps} shows).
 */
record ContainerListEntry(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status) {

    /** As {@code jocker ps} prints it: the name without Docker's leading slash, the command as one word. */
    ContainerSummary summary() {
        String name = names == null || names.isEmpty() ? "" : names.get(0).replaceFirst("^/", "");
        return new ContainerSummary(id, name, image, command == null ? List.of() : List.of(command),
                Instant.ofEpochSecond(created), state, status);
    }
}
