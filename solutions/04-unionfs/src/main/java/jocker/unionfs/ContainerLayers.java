package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.ContainerStore;

/**
 * Chapter 4's part of a container's record, {@code containers/<id>/layers.json}:
 * the image it was made from and that image's layers as they were then, so a
 * later commit that moves the tag does not change what the container runs on.
 * Beside it, {@code upper/} and {@code work/}: the container's own layer.
 *
 * @param image the image's reference, {@code name:tag}
 * @param layers diff IDs, bottom first
 */
public record ContainerLayers(String image, List<String> layers) {

    static final String FILE = "layers.json";

    /** The container's record, or null for a container whose files chapter 2 copied. */
    public static ContainerLayers read(ContainerStore store, String id) throws IOException {
        return store.readRecord(id, FILE, ContainerLayers.class);
    }

    public void write(ContainerStore store, String id) throws IOException {
        store.writeRecord(id, FILE, this);
    }

    public static Path upper(ContainerStore store, String id) {
        return store.dir(id).resolve("upper");
    }

    public static Path work(ContainerStore store, String id) {
        return store.dir(id).resolve("work");
    }

    /** The overlay mount of container {@code id}: these layers under its upper layer, merged on its rootfs. */
    public OverlayMount mount(ContainerStore store, String id) throws IOException {
        LayerStore layerStore = new LayerStore(store.root());
        List<String> lowers = new ArrayList<>();
        for (String layer : layers) {
            lowers.add(layerStore.link(layer));
        }
        return new OverlayMount(layerStore.dir(), lowers, upper(store, id), work(store, id), store.rootfs(id));
    }

    /** The union of the layers below the container's own, as {@link Changes} reads it. */
    public LowerView lowerView(ContainerStore store) throws IOException {
        LayerStore layerStore = new LayerStore(store.root());
        List<Path> dirs = new ArrayList<>();
        for (String layer : layers) {
            dirs.add(layerStore.diff(layer));
        }
        return new LowerView(dirs);
    }
}
