package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /exec/{id}/json}, what the docker CLI reads the exec's exit
 * code from once its stream has ended:
 *
 * <pre>
 * {"ID":"…","Running":false,"ExitCode":0,"ProcessConfig":{"tty":false,"entrypoint":"hostname","arguments":[],
 *  "privileged":false,"user":""},"OpenStdin":false,"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
 *  "ContainerID":"4f3c…","DetachKeys":"","Pid":81300}
 * </pre>
 *
 * @param exitCode null until the process has ended
 */
public record ExecJson(@JsonProperty("ID") String id,
                       @JsonProperty("Running") boolean running,
                       @JsonProperty("ExitCode") Integer exitCode,
                       @JsonProperty("ProcessConfig") ProcessConfig processConfig,
                       @JsonProperty("OpenStdin") boolean openStdin,
                       @JsonProperty("OpenStderr") boolean openStderr,
                       @JsonProperty("OpenStdout") boolean openStdout,
                       @JsonProperty("CanRemove") boolean canRemove,
                       @JsonProperty("ContainerID") String containerId,
                       @JsonProperty("DetachKeys") String detachKeys,
                       @JsonProperty("Pid") long pid) {

    /** The process as it was asked for: Docker's lower-case field names. */
    public record ProcessConfig(@JsonProperty("tty") boolean tty,
                                @JsonProperty("entrypoint") String entrypoint,
                                @JsonProperty("arguments") List<String> arguments,
                                @JsonProperty("privileged") boolean privileged,
                                @JsonProperty("user") String user) {
    }
}
