package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /commit}'s answer, {@code {"Id":"sha256:…"}}. */
public record ImageIdResponse(@JsonProperty("Id") String id) {
}
