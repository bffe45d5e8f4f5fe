package jocker.api.client;

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
        String id,
        List<String> names,
        String image,
        String command,
        long created,
        String state,
        String status) {

    /** One element of {@code GET /containers/json}'s array, as jackson-jr read it. */
    static ContainerListEntry of(Object element) {
        List<String> names = JsonTree.array(JsonTree.at(element, "Names")).stream()
                .map(name -> JsonTree.text(name, "")).toList();
        return new ContainerListEntry(JsonTree.text(JsonTree.at(element, "Id"), ""), names,
                JsonTree.text(JsonTree.at(element, "Image"), ""), JsonTree.text(JsonTree.at(element, "Command"), null),
                JsonTree.number(JsonTree.at(element, "Created"), 0), JsonTree.text(JsonTree.at(element, "State"), ""),
                JsonTree.text(JsonTree.at(element, "Status"), ""));
    }

    /** As {@code jocker ps} prints it: the name without Docker's leading slash, the command as one word. */
    ContainerSummary summary() {
        String name = names == null || names.isEmpty() ? "" : names.get(0).replaceFirst("^/", "");
        return new ContainerSummary(id, name, image, command == null ? List.of() : List.of(command),
                Instant.ofEpochSecond(created), state, status);
    }
}
