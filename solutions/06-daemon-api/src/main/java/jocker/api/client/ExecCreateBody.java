package jocker.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec}:
 * <pre>{@code {"AttachStdout": true, "AttachStderr": true, "Cmd": ["hostname"], "Env": ["A=1"],
 *  "WorkingDir": "/tmp", "User": "1000:1000"}}</pre>
 * (Engine API v1.41, ContainerExec); null fields are left out: the container's.
 */
record ExecCreateBody(
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("User") String user) {
}
