package jocker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jocker.engine.ContainerState;
import jocker.unionfs.Commit;

/**
 * Chapter 5's {@code commit}: chapter 4 made a container's upper layer a
 * layer; here it becomes an image with a proper config. The parent image's
 * config (found by the ID the container's {@code layers.json} keeps) is the
 * start; the container's command, environment and working directory go
 * over it, as Docker's commit takes them from the container; a history
 * entry is appended and the new layer's diff ID follows the parent's.
 */
public final class ImageCommit {

    private final Path root;
    private final LocalImages images;

    public ImageCommit(Path root) {
        this.root = root;
        this.images = new LocalImages(root);
    }

    /** The layer a commit took, and what it knew of the container then. */
    private record Taken(ContainerState state, LocalImages.Image parent, Descriptor layer) {
    }

    /**
     * Makes an image of container {@code container}, named {@code name}
     * (or untagged when null), with {@code comment} and {@code author} in its
     * history; returns it.
     */
    public LocalImages.Image commit(String container, String name, String comment, String author)
            throws IOException {
        return images.adding(() -> commitAdding(container, name, comment, author));
    }

    private LocalImages.Image commitAdding(String container, String name, String comment, String author)
            throws IOException {
        Reference tag = name != null ? Reference.parse(name) : null;
        if (tag != null && tag.digest() != null) {
            throw new ImageException("refusing to commit to a digest reference: " + name);
        }
        Taken taken = new Commit(root).withUpperLayer(container, (state, layers, upper) -> {
            LocalImages.Image parent = images.find(layers.image());
            if (parent == null) {
                throw new ImageException("container " + state.shortId() + " was made from image " + layers.image()
                        + ", which is no longer in the store: its config is gone");
            }
            return new Taken(state, parent, isEmpty(upper) ? null : images.layerFromTree(upper));
        });
        jocker.spec.Spec spec = new jocker.engine.ContainerStore(root).bundle(taken.state().id()).read();
        ImageConfig config = config(taken, spec, comment, author, ImageJson.timestamp(Instant.now()));
        List<Descriptor> layers = new ArrayList<>(taken.parent().manifest().layers());
        if (taken.layer() != null) {
            layers.add(taken.layer());
        }
        return images.add(config, layers, tag);
    }

    // tag::commit-config[]
    /** The parent's config with the container's settings, one more history entry, and the new diff ID. */
    private static ImageConfig config(Taken taken, jocker.spec.Spec spec, String comment, String author,
                                      String created) {
        ImageConfig parent = taken.parent().config();
        ImageConfig.Config run = parent.runConfig();
        ContainerState state = taken.state();
        // what the container ran: its entrypoint and command as the engine applied them (chapter 5's annotations)
        List<String> entrypoint = ImageFeature.entrypoint(spec);
        List<String> cmd = ImageFeature.cmd(spec);
        String workdir = state.workdir() != null && !state.workdir().equals("/") ? state.workdir()
                : run.workingDir();
        ImageConfig.Config newRun = new ImageConfig.Config(run.user(), run.exposedPorts(),
                ImageFeature.environment(run.env(), state.env() != null ? state.env() : List.of()),
                entrypoint.isEmpty() ? null : entrypoint, cmd.isEmpty() ? null : cmd, run.volumes(), workdir, run.labels(), run.stopSignal(), run.shell());
        List<ImageConfig.History> history = new ArrayList<>(parent.history());
        history.add(new ImageConfig.History(created, String.join(" ", state.command()), author,
                comment, taken.layer() == null));
        List<String> diffIds = new ArrayList<>(parent.rootfs().diffIds());
        if (taken.layer() != null) {
            diffIds.add(taken.layer().digest());
        }
        return new ImageConfig(created, author, parent.architecture() != null ? parent.architecture() : "amd64",
                parent.os() != null ? parent.os() : "linux", newRun, new ImageConfig.RootFs("layers", diffIds),
                history);
    }
    // end::commit-config[]

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
