package jocker.cgroups;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jocker.containers.ContainerStore;

/**
 * Chapter 3's part of a container's record, beside chapter 2's state file:
 * {@code containers/<id>/resources.json}.
 *
 * <pre>
 * {"limits":{"memoryBytes":33554432,"memorySwapBytes":null,"cpus":0.5,"cpuShares":null,"pidsLimit":20},
 *  "oomKilled":false}
 * </pre>
 *
 * @param oomKilled the kernel's OOM killer ended a process of the container
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerResources(Limits limits, boolean oomKilled) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(ContainerStore store, String id) {
        return store.dir(id).resolve("resources.json");
    }

    /** The container's record, or no limits if it has none (a container made by chapter 2's run). */
    public static ContainerResources read(ContainerStore store, String id) throws IOException {
        Path file = file(store, id);
        return Files.exists(file) ? JSON.readValue(file.toFile(), ContainerResources.class)
                : new ContainerResources(Limits.NONE, false);
    }

    /** Written like chapter 2's state: beside the old file, then renamed over it. */
    public void write(ContainerStore store, String id) throws IOException {
        Path tmp = Files.createTempFile(store.dir(id), "resources", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file(store, id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public ContainerResources withOomKilled(boolean killed) {
        return new ContainerResources(limits, killed);
    }
}
