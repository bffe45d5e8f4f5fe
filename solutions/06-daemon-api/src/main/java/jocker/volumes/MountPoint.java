package jocker.volumes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One of the {@code Mounts} of {@code docker inspect}'s container document:
 *
 * <pre>
 * {"Type":"volume","Name":"cache","Source":"/var/lib/jocker/volumes/cache/_data","Destination":"/var/cache",
 *  "Driver":"local","Mode":"","RW":true,"Propagation":""}
 * {"Type":"bind","Source":"/srv/www","Destination":"/www","Mode":"ro","RW":false,"Propagation":"rprivate"}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MountPoint(@JsonProperty("Type") String type,
                         @JsonProperty("Name") String name,
                         @JsonProperty("Source") String source,
                         @JsonProperty("Destination") String destination,
                         @JsonProperty("Driver") String driver,
                         @JsonProperty("Mode") String mode,
                         @JsonProperty("RW") boolean rw,
                         @JsonProperty("Propagation") String propagation) {
}
