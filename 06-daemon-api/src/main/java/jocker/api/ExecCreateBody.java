package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec}:
 * {@code {"Cmd":["hostname"],"AttachStdout":true,"AttachStderr":true,"Tty":false}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecCreateBody(@JsonProperty("Cmd") List<String> cmd,
                             @JsonProperty("Env") List<String> env,
                             @JsonProperty("WorkingDir") String workingDir,
                             @JsonProperty("User") String user,
                             @JsonProperty("Tty") boolean tty,
                             @JsonProperty("Privileged") boolean privileged,
                             @JsonProperty("AttachStdin") boolean attachStdin,
                             @JsonProperty("AttachStdout") boolean attachStdout,
                             @JsonProperty("AttachStderr") boolean attachStderr) {
}
