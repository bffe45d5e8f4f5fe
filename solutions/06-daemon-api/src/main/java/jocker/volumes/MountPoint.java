package jocker.volumes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /**
     * The same as a map, for {@code jocker inspect}, which writes its
     * document with jackson-jr (no annotations read): the names above, in
     * their order, none that is null.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", type);
        m.put("Name", name);
        m.put("Source", source);
        m.put("Destination", destination);
        m.put("Driver", driver);
        m.put("Mode", mode);
        m.put("RW", rw);
        m.put("Propagation", propagation);
        m.values().removeIf(Objects::isNull);
        return m;
    }
}
