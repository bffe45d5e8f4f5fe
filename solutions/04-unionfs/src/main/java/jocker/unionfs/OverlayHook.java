package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import jocker.engine.ContainerHook;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.images.Images;

/**
 * The engine's side of chapter 4: a container gets an empty upper layer over
 * its image's layers instead of a copy of its files, and its init the
 * arguments to mount them ({@link OverlayInit}). Nothing to undo: the mount
 * lives in the container's mount namespace and goes with it; the upper layer
 * is in the container's directory and goes with {@code rm}.
 */
public final class OverlayHook implements ContainerHook {

    @Override
    public int chapter() {
        return 4;
    }

    // tag::prepare[]
    @Override
    public boolean prepareRootfs(ContainerStore store, ContainerState state) throws IOException {
        Images.Image image = new Images(store.root()).get(state.image());
        Files.createDirectories(ContainerLayers.upper(store, state.id()));
        Files.createDirectories(ContainerLayers.work(store, state.id()));
        Files.createDirectories(store.rootfs(state.id())); // the mount point; empty, seen from the host
        new ContainerLayers(image.reference(), image.layers()).write(store, state.id());
        return true;
    }

    @Override
    public List<String> beforeStart(ContainerStore store, ContainerState state) throws IOException {
        ContainerLayers layers = ContainerLayers.read(store, state.id());
        return layers == null ? List.of() : layers.mount(store, state.id()).toArgs();
    }
    // end::prepare[]
}
