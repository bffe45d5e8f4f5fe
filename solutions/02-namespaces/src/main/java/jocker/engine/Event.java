package jocker.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One event of the engine, in the shape of Docker's {@code GET /events}, one
 * line each in {@code <root>/events.jsonl} ({@link Events}):
 *
 * <pre>
 * {"status":"die","id":"4f3c…","from":"busybox","Type":"container","Action":"die",
 *  "Actor":{"ID":"4f3c…","Attributes":{"exitCode":"1","image":"busybox","name":"web"}},
 *  "scope":"local","time":1796061731,"timeNano":1796061731120393000}
 * </pre>
 *
 * {@code status}, {@code id} and {@code from} are the fields of API versions
 * before 1.22, which Docker still sends for containers and images.
 *
 * @param type   {@code container}, {@code image} or {@code volume}
 * @param action what happened: {@code create}, {@code start}, {@code die}, {@code tag} …
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(@JsonProperty("status") String status, @JsonProperty("id") String id,
                    @JsonProperty("from") String from, @JsonProperty("Type") String type,
                    @JsonProperty("Action") String action, @JsonProperty("Actor") Actor actor,
                    @JsonProperty("scope") String scope, @JsonProperty("time") long time,
                    @JsonProperty("timeNano") long timeNano) {

    public static final String CONTAINER = "container";
    public static final String IMAGE = "image";
    public static final String VOLUME = "volume";

    /** What the event is about: its ID (a container's, an image's, a volume's name) and what else is known. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
    }

    /** An event that happens now. */
    public static Event of(String type, String action, String id, Map<String, String> attributes) {
        Instant now = Instant.now();
        boolean old = type.equals(CONTAINER) || type.equals(IMAGE);
        return new Event(old ? action : null, old ? id : null, type.equals(CONTAINER) ? attributes.get("image") : null,
                type, action, new Actor(id, Map.copyOf(attributes)), "local", now.getEpochSecond(),
                now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    /** When it happened. */
    public Instant instant() {
        return Instant.ofEpochSecond(0, timeNano);
    }
}
