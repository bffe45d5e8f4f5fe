package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jocker.engine.ContainerStore;

/**
 * What the Engine API's create said that chapters 1 to 5 have no field for,
 * kept beside the container's state as {@code containers/<id>/api.json}:
 * its labels (list filters and clients such as compose find containers by
 * them), its restart policy (the daemon's watchdog acts on it), and how its
 * standard streams are meant to be used (the TTY and stdin flags, read when
 * it is attached to). A container made by {@code jocker run} has no such
 * file: {@link #read} gives {@link #NONE}.
 *
 * <pre>
 * {"labels":{"app":"web"},"restartPolicy":{"Name":"on-failure","MaximumRetryCount":2},
 *  "tty":false,"openStdin":false,"attachStdin":false,"stdinOnce":false,"binds":["/data:/data"]}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerApiRecord(Map<String, String> labels, ContainerCreateBody.RestartPolicy restartPolicy,
                                 boolean tty, boolean openStdin, boolean attachStdin, boolean stdinOnce,
                                 List<String> binds) {

    static final String FILE = "api.json";

    /** A container made without the API: no labels, no restart policy, no TTY. */
    public static final ContainerApiRecord NONE = new ContainerApiRecord(Map.of(),
            ContainerCreateBody.RestartPolicy.NO, false, false, false, false, List.of());

    public ContainerApiRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        restartPolicy = restartPolicy == null || restartPolicy.name() == null || restartPolicy.name().isEmpty()
                ? ContainerCreateBody.RestartPolicy.NO : restartPolicy;
        binds = binds == null ? List.of() : List.copyOf(binds);
    }

    /** The record of a create body. */
    public static ContainerApiRecord of(ContainerCreateBody body) {
        ContainerCreateBody.HostConfig host = body.host();
        return new ContainerApiRecord(body.labels(), host.restartPolicy(), body.tty(), body.openStdin(),
                body.attachStdin(), body.stdinOnce(), host.binds());
    }

    /** The record of container {@code id}; {@link #NONE} for one made without the API. */
    public static ContainerApiRecord read(ContainerStore store, String id) throws IOException {
        ContainerApiRecord record = store.readJson(id, FILE, ContainerApiRecord.class);
        return record != null ? record : NONE;
    }

    public void write(ContainerStore store, String id) throws IOException {
        store.writeJson(id, FILE, this);
    }
}
