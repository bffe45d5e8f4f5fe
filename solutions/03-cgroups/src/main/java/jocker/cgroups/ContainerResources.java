package jocker.cgroups;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import jocker.engine.ContainerStore;

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

    static final String FILE = "resources.json";

    /** The container's record, or no limits if it has none (a container made by chapter 2's run). */
    public static ContainerResources read(ContainerStore store, String id) throws IOException {
        ContainerResources r = store.readJson(id, FILE, ContainerResources.class);
        return r != null ? r : new ContainerResources(Limits.NONE, false);
    }

    /** Written like chapter 2's state, atomically (ContainerStore#writeJson). */
    public void write(ContainerStore store, String id) throws IOException {
        store.writeJson(id, FILE, this);
    }

    public ContainerResources withOomKilled(boolean killed) {
        return new ContainerResources(limits, killed);
    }
}
