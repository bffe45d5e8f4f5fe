package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}, the part of Docker's
 * {@code ContainerConfig} Jocker reads. Clients send JSON {@code null} for
 * most fields and many fields Jocker does not know (ExposedPorts,
 * NetworkingConfig …): those are ignored.
 *
 * <pre>
 * {"Image":"busybox","Cmd":["sleep","60"],"Env":["A=1"],"Labels":{"app":"web"},"Tty":false,
 *  "HostConfig":{"Memory":33554432,"NanoCpus":500000000,"AutoRemove":true,
 *                "RestartPolicy":{"Name":"on-failure","MaximumRetryCount":2}}}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerCreateBody(
        @JsonProperty("Image") String image,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("User") String user,
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("HostConfig") HostConfig hostConfig) {

    /** Docker's {@code HostConfig}: how the host runs the container. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostConfig(
            @JsonProperty("Memory") Long memory,
            @JsonProperty("MemorySwap") Long memorySwap,
            @JsonProperty("NanoCpus") Long nanoCpus,
            @JsonProperty("CpuShares") Long cpuShares,
            @JsonProperty("CpuQuota") Long cpuQuota,
            @JsonProperty("CpuPeriod") Long cpuPeriod,
            @JsonProperty("PidsLimit") Long pidsLimit,
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
            @JsonProperty("Binds") List<String> binds,
            @JsonProperty("Privileged") boolean privileged,
            @JsonProperty("CapAdd") List<String> capAdd,
            @JsonProperty("CapDrop") List<String> capDrop,
            @JsonProperty("SecurityOpt") List<String> securityOpt) {

        /** What a body without {@code HostConfig} means: nothing set. */
        public static final HostConfig NONE = new HostConfig(null, null, null, null, null, null, null, false, null,
                null, false, null, null, null);
    }

    /**
     * {@code --restart}: {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure} with at
     * most {@code MaximumRetryCount} restarts (0: no limit). The daemon's watchdog acts on it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RestartPolicy(@JsonProperty("Name") String name,
                                @JsonProperty("MaximumRetryCount") int maximumRetryCount) {

        public static final RestartPolicy NO = new RestartPolicy("no", 0);
    }

    /** The host config, {@link HostConfig#NONE} when the client sent none. */
    public HostConfig host() {
        return hostConfig != null ? hostConfig : HostConfig.NONE;
    }
}
