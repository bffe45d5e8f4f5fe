package jocker.api.client;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String image,
        List<String> cmd,
        List<String> entrypoint,
        List<String> env,
        String workingDir,
        String user,
        String hostname,
        String stopSignal,
        boolean attachStdout,
        boolean attachStderr,
        boolean tty,
        HostConfig hostConfig) {

    /** The part of the body that the daemon's host applies: removal, and chapter 3's limits. */
    record HostConfig(
            boolean autoRemove,
            Long memory,
            Long memorySwap,
            Long nanoCpus,
            Integer cpuShares,
            Long pidsLimit) {
        Map<String, Object> fields() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("AutoRemove", autoRemove);
            putIfSet(json, "Memory", memory);
            putIfSet(json, "MemorySwap", memorySwap);
            putIfSet(json, "NanoCpus", nanoCpus);
            putIfSet(json, "CpuShares", cpuShares);
            putIfSet(json, "PidsLimit", pidsLimit);
            return json;
        }
    }

    /** The body as the daemon reads it: Docker's field names, null fields left out. */
    byte[] json() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfSet(json, "Image", image);
        putIfSet(json, "Cmd", cmd);
        putIfSet(json, "Entrypoint", entrypoint);
        putIfSet(json, "Env", env);
        putIfSet(json, "WorkingDir", workingDir);
        putIfSet(json, "User", user);
        putIfSet(json, "Hostname", hostname);
        putIfSet(json, "StopSignal", stopSignal);
        json.put("AttachStdout", attachStdout);
        json.put("AttachStderr", attachStderr);
        json.put("Tty", tty);
        putIfSet(json, "HostConfig", hostConfig == null ? null : hostConfig.fields());
        return JsonTree.write(json);
    }

    private static void putIfSet(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
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
