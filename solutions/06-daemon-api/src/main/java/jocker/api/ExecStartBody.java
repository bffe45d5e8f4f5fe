package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /exec/{id}/start}: {@code {"Detach":false,"Tty":false}}
 * (docker-java sends {@code null}s).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecStartBody(@JsonProperty("Detach") Boolean detach, @JsonProperty("Tty") Boolean tty) {
}
