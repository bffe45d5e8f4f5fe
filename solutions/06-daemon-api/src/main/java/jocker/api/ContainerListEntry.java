package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One container of {@code GET /containers/json}, in Docker's shape:
 *
 * <pre>
 * {"Id":"4f3c…","Names":["/web"],"Image":"busybox","ImageID":"sha256:…","Command":"sleep 60",
 *  "Created":1764527000,"State":"running","Status":"Up 3 seconds","Labels":{"app":"web"},"Ports":[],
 *  "Mounts":[],"HostConfig":{"NetworkMode":"none"},"NetworkSettings":{"Networks":{}}}
 * </pre>
 *
 * @param names   the name with a leading '/': Docker's names are paths (links once nested them)
 * @param created Unix seconds
 */
public record ContainerListEntry(@JsonProperty("Id") String id,
                                 @JsonProperty("Names") List<String> names,
                                 @JsonProperty("Image") String image,
                                 @JsonProperty("ImageID") String imageId,
                                 @JsonProperty("Command") String command,
                                 @JsonProperty("Created") long created,
                                 @JsonProperty("State") String state,
                                 @JsonProperty("Status") String status,
                                 @JsonProperty("Labels") Map<String, String> labels,
                                 @JsonProperty("Ports") List<Object> ports,
                                 @JsonProperty("Mounts") List<Object> mounts,
                                 @JsonProperty("HostConfig") Map<String, String> hostConfig,
                                 @JsonProperty("NetworkSettings") Map<String, Object> networkSettings) {
}
