package jocker.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import jocker.cgroups.Limits;
import jocker.engine.CreateRequest;
import jocker.images.ImageOverrides;

/**
 * The body of {@code POST /containers/create}, as the client sends it:
 * <pre>{@code {"Image": "busybox", "Cmd": ["sh", "-c", "echo hi"], "Env": ["PATH=…"], "WorkingDir": "/",
 *  "AttachStdout": true, "AttachStderr": true, "HostConfig": {"AutoRemove": true, "Memory": 33554432}}}</pre>
 * (Engine API v1.41, ContainerCreate). The name travels in the query.
 */
record ContainerCreateBody(
        @JsonProperty("Image") String image,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("User") String user,
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("HostConfig") HostConfig hostConfig) {

    /** The part of the body that the daemon's host applies: removal, and chapter 3's limits. */
    record HostConfig(
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("Memory") Long memory,
            @JsonProperty("MemorySwap") Long memorySwap,
            @JsonProperty("NanoCpus") Long nanoCpus,
            @JsonProperty("CpuShares") Integer cpuShares,
            @JsonProperty("PidsLimit") Long pidsLimit) {
    }

    /**
     * The body for {@code request}. Each chapter's part that the body can
     * carry is translated; any other part ({@code --cap-add}, {@code --device} …)
     * is refused, rather than silently dropped.
     */
    static ContainerCreateBody of(CreateRequest request) {
        for (Class<?> part : request.parts().keySet()) {
            if (part != Limits.class && part != ImageOverrides.class) {
                throw new UnsupportedOperationException("run's options for " + part.getSimpleName()
                        + " are not available with -H yet");
            }
        }
        Limits limits = request.get(Limits.class) != null ? request.get(Limits.class) : Limits.NONE;
        ImageOverrides overrides = request.get(ImageOverrides.class) != null ? request.get(ImageOverrides.class)
                : ImageOverrides.NONE;
        HostConfig host = new HostConfig(request.autoRemove(), limits.memoryBytes(), limits.memorySwapBytes(),
                limits.cpus() == null ? null : Math.round(limits.cpus() * 1e9), limits.cpuShares(),
                limits.pidsLimit());
        return new ContainerCreateBody(request.image(), request.command().isEmpty() ? null : request.command(),
                overrides.entrypoint(), request.env(), request.workdir(), overrides.user(), request.hostname(),
                overrides.stopSignal(), true, true, false, host);
    }
}
