package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jocker.cgroups.Cgroup;
import jocker.cgroups.CgroupFeature;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import jocker.engine.Owner;
import jocker.images.Images;

/**
 * {@code jocker diff} and {@code jocker commit}: a container's upper layer,
 * read as a list of changes, or made into a new layer on top of its image's.
 */
public final class Commit {

    /**
     * {@code containers/<id>/commit-freeze}: the {@link Owner} of a commit
     * that froze the container, there from before the freeze until after the
     * thaw. A commit killed in between leaves it; {@link #recover} thaws.
     */
    static final String FREEZE_MARKER = "commit-freeze";

    private final ContainerStore store;
    private final Images images;

    public Commit(Path root) {
        this.store = new Engine(root).store(); // an engine: it first thaws what a killed commit left frozen
        this.images = new Images(root);
    }

    /** What container {@code ref} changed against its image. */
    public List<Change> diff(String ref) throws IOException {
        ContainerState state = store.find(ref);
        ContainerLayers layers = layersOf(state, ref);
        return Changes.of(ContainerLayers.upper(store, state.id()), layers.lowerView(store));
    }

    // tag::commit[]
    /**
     * Makes image {@code reference} of container {@code ref}: its image's
     * layers and, on top, its upper layer as a new one (none if it is empty). A running container
     * is paused meanwhile, as Docker does, so the layer is one moment's.
     */
    public Images.Image commit(String ref, String reference, String comment) throws IOException {
        String[] nameTag = Images.parse(reference);
        ContainerState state = store.find(ref);
        ContainerLayers layers = layersOf(state, ref);
        Path upper = ContainerLayers.upper(store, state.id());
        List<String> all = new ArrayList<>(layers.layers());
        Cgroup frozen = state.isRunning() ? freeze(state.id()) : null;
        try {
            if (!isEmpty(upper)) { // nothing changed: no layer, as Docker's "empty_layer"
                all.add(images.layers().create(upper));
            }
        } finally {
            if (frozen != null) {
                thaw(state.id(), frozen);
            }
        }
        return images.save(new Images.Image(nameTag[0], nameTag[1], all, Instant.now().toString(),
                comment != null ? comment : "committed from container " + state.shortId()));
    }
    // end::commit[]

    /** What a later chapter's commit does with a container's upper layer, while the container is paused. */
    @FunctionalInterface
    public interface UpperLayer<T> {
        T take(ContainerState state, ContainerLayers layers, Path upper) throws IOException;
    }

    /**
     * Runs {@code body} on the upper layer of container {@code ref}, paused
     * meanwhile as {@link #commit} pauses it: chapter 5's commit makes an
     * image of its own kind of the same layer.
     */
    public <T> T withUpperLayer(String ref, UpperLayer<T> body) throws IOException {
        ContainerState state = store.find(ref);
        ContainerLayers layers = layersOf(state, ref);
        Cgroup frozen = state.isRunning() ? freeze(state.id()) : null;
        try {
            return body.take(state, layers, ContainerLayers.upper(store, state.id()));
        } finally {
            if (frozen != null) {
                thaw(state.id(), frozen);
            }
        }
    }

    private ContainerLayers layersOf(ContainerState state, String ref) throws IOException {
        ContainerLayers layers = ContainerLayers.read(store, state.id());
        if (layers == null) {
            throw new IllegalStateException("container " + ref + " has no layers: its files were copied "
                    + "(it was made before chapter 4), there is no upper layer to read");
        }
        return layers;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Freezes the container's cgroup unless it is frozen already; returns it
     * to thaw, or null. The marker comes first: a commit killed at any moment
     * after the freeze has left it.
     */
    private Cgroup freeze(String id) throws IOException {
        Cgroup cgroup = CgroupFeature.of(id);
        try {
            if (cgroup.isFrozen()) {
                return null; // jocker pause froze it: it stays so
            }
            store.writeJson(id, FREEZE_MARKER, Owner.current());
            cgroup.freeze();
            return cgroup;
        } catch (RuntimeException noFreezer) {
            Files.deleteIfExists(store.dir(id).resolve(FREEZE_MARKER));
            System.err.println("jocker: commit: cannot pause container " + id.substring(0, 12) + " ("
                    + noFreezer.getMessage() + "): its layer is written while it runs");
            return null;
        }
    }

    /** Thaws what {@link #freeze} froze, then removes the marker: the container is no longer this commit's. */
    private void thaw(String id, Cgroup cgroup) throws IOException {
        cgroup.thaw();
        Files.deleteIfExists(store.dir(id).resolve(FREEZE_MARKER));
    }

    /**
     * Thaws each container that a commit froze and did not live to thaw
     * (killed with {@code kill -9}, by the OOM killer): its marker names a
     * process that is gone. The marker of a commit still at work stays, and
     * a container paused with {@code jocker pause} has none: it stays paused.
     */
    static void recover(ContainerStore store) throws IOException {
        for (String id : store.idsWith(FREEZE_MARKER)) {
            Path marker = store.dir(id).resolve(FREEZE_MARKER);
            Owner owner;
            try {
                owner = ContainerStore.readJson(marker, Owner.class);
            } catch (IOException damaged) {
                owner = null;
            }
            if (owner != null && owner.isAlive()) {
                continue;
            }
            try {
                Cgroup cgroup = CgroupFeature.of(id);
                if (cgroup.isFrozen()) {
                    cgroup.thaw();
                }
            } catch (RuntimeException noCgroup) {
                // the container has ended meanwhile: nothing of it is frozen
            }
            Files.deleteIfExists(marker);
        }
    }
}
