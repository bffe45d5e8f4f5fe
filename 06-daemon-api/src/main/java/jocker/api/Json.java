package jocker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Engine API's JSON. Docker's documents use Go's field names
 * ({@code Id}, {@code HostConfig}): the records name their components so,
 * or say {@code @JsonProperty}. Clients send loose input: unknown fields
 * (newer clients), {@code null} for most fields, names in another case
 * (docker-py); all are accepted.
 */
public final class Json {

    /** The one mapper: thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {
    }
}
