package jocker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/json}: {@code docker inspect}'s document, the
 * fields Jocker knows, in Docker's shape. Times are RFC 3339 strings;
 * a time that has not come yet is Go's zero time, {@code 0001-01-01T00:00:00Z}.
 *
 * @param path  the program the container runs (its entrypoint's first word, or its command's)
 * @param args  the program's arguments
 * @param image the image's ID, {@code sha256:…}
 * @param name  the name with a leading '/'
 */
public record ContainerJson(@JsonProperty("Id") String id,
                            @JsonProperty("Created") String created,
                            @JsonProperty("Path") String path,
                            @JsonProperty("Args") List<String> args,
                            @JsonProperty("State") State state,
                            @JsonProperty("Image") String image,
                            @JsonProperty("ResolvConfPath") String resolvConfPath,
                            @JsonProperty("HostnamePath") String hostnamePath,
                            @JsonProperty("HostsPath") String hostsPath,
                            @JsonProperty("LogPath") String logPath,
                            @JsonProperty("Name") String name,
                            @JsonProperty("RestartCount") int restartCount,
                            @JsonProperty("Driver") String driver,
                            @JsonProperty("Platform") String platform,
                            @JsonProperty("HostConfig") HostConfig hostConfig,
                            @JsonProperty("Mounts") List<Object> mounts,
                            @JsonProperty("Config") Config config,
                            @JsonProperty("NetworkSettings") Map<String, Object> networkSettings,
                            @JsonProperty("Bundle") String bundle) {

    /** {@code State}: Docker's word and what it means. */
    public record State(@JsonProperty("Status") String status,
                        @JsonProperty("Running") boolean running,
                        @JsonProperty("Paused") boolean paused,
                        @JsonProperty("Restarting") boolean restarting,
                        @JsonProperty("OOMKilled") boolean oomKilled,
                        @JsonProperty("Dead") boolean dead,
                        @JsonProperty("Pid") long pid,
                        @JsonProperty("ExitCode") int exitCode,
                        @JsonProperty("Error") String error,
                        @JsonProperty("StartedAt") String startedAt,
                        @JsonProperty("FinishedAt") String finishedAt) {
    }

    /** {@code Config}: what the container runs, as created. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Config(@JsonProperty("Hostname") String hostname,
                         @JsonProperty("User") String user,
                         @JsonProperty("AttachStdin") boolean attachStdin,
                         @JsonProperty("Tty") boolean tty,
                         @JsonProperty("OpenStdin") boolean openStdin,
                         @JsonProperty("StdinOnce") boolean stdinOnce,
                         @JsonProperty("Env") List<String> env,
                         @JsonProperty("Cmd") List<String> cmd,
                         @JsonProperty("Image") String image,
                         @JsonProperty("WorkingDir") String workingDir,
                         @JsonProperty("Entrypoint") List<String> entrypoint,
                         @JsonProperty("Labels") Map<String, String> labels,
                         @JsonProperty("StopSignal") String stopSignal) {
    }

    /** {@code HostConfig}: what the host gives it; 0 for a limit that is not set, as Docker shows it. */
    public record HostConfig(@JsonProperty("Memory") long memory,
                             @JsonProperty("MemorySwap") long memorySwap,
                             @JsonProperty("NanoCpus") long nanoCpus,
                             @JsonProperty("CpuShares") long cpuShares,
                             @JsonProperty("PidsLimit") Long pidsLimit,
                             @JsonProperty("AutoRemove") boolean autoRemove,
                             @JsonProperty("RestartPolicy") ContainerCreateBody.RestartPolicy restartPolicy,
                             @JsonProperty("Binds") List<String> binds,
                             @JsonProperty("NetworkMode") String networkMode,
                             @JsonProperty("Privileged") boolean privileged,
                             @JsonProperty("CapAdd") List<String> capAdd,
                             @JsonProperty("CapDrop") List<String> capDrop,
                             @JsonProperty("SecurityOpt") List<String> securityOpt) {
    }
}
