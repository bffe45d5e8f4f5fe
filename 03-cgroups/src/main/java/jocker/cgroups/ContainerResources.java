package jocker.cgroups;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import jocker.engine.ContainerStore;

/**
 * What chapter 3 learns of a container after it ends, beside chapter 2's
 * state file: {@code containers/<id>/resources.json}, {@code {"oomKilled":true}}.
 * Its limits are in the bundle's spec, {@code linux.resources}.
 *
 * @param oomKilled the kernel's OOM killer ended a process of the container
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerResources(boolean oomKilled) {

    static final String FILE = "resources.json";

    /** The container's record, or not OOM-killed if it has none yet. */
    public static ContainerResources read(ContainerStore store, String id) throws IOException {
        ContainerResources r = store.readRecord(id, FILE, ContainerResources.class);
        return r != null ? r : new ContainerResources(false);
    }

    /** Written like chapter 2's state, atomically, with the same small JSON library (ContainerStore#writeRecord). */
    public void write(ContainerStore store, String id) throws IOException {
        store.writeRecord(id, FILE, this);
    }
}
