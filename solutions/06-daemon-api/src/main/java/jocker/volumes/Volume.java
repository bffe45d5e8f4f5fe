package jocker.volumes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A volume as the Engine API shows it ({@code GET /volumes/{name}},
 * {@code docker volume inspect}), and as {@code volumes/<name>/volume.json}
 * keeps it:
 *
 * <pre>
 * {"CreatedAt":"2026-11-30T18:02:11Z","Driver":"local","Labels":{},
 *  "Mountpoint":"/var/lib/jocker/volumes/cache/_data","Name":"cache","Options":{},"Scope":"local"}
 * </pre>
 *
 * @param mountpoint where its files are on the host: what containers bind-mount
 * @param scope      {@code local}: the volume exists on this host only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Volume(@JsonProperty("CreatedAt") String createdAt,
                     @JsonProperty("Driver") String driver,
                     @JsonProperty("Labels") Map<String, String> labels,
                     @JsonProperty("Mountpoint") String mountpoint,
                     @JsonProperty("Name") String name,
                     @JsonProperty("Options") Map<String, String> options,
                     @JsonProperty("Scope") String scope) {

    /** Docker 23's label of an anonymous volume ({@code -v /dir}): {@code rm -v} and {@code --rm} remove those. */
    public static final String ANONYMOUS = "com.docker.volume.anonymous";

    public Volume {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS);
    }
}
