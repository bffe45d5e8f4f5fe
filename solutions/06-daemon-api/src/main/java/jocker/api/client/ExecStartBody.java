package jocker.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /exec/{id}/start}: {@code {"Detach": false, "Tty": false}}. */
record ExecStartBody(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty) {
}
