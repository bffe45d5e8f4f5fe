package jocker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.spec.Spec;
import jocker.unionfs.ContainerLayers;

/**
 * Chapter 5's part of a container: it runs an image of the store. The
 * image's config gives the process its defaults ({@code Entrypoint},
 * {@code Cmd}, {@code Env}, {@code WorkingDir}, {@code User}), which
 * {@code run}'s arguments and options override as Docker's do; the image's
 * layers, by diff ID, go under the container's upper layer (chapter 4 mounts
 * them).
 */
public final class ImageFeature implements Feature {

    /** The image each container being created resolved to: configure and prepareRoot agree on one. */
    private final Map<String, LocalImages.Image> resolved = new ConcurrentHashMap<>();

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        LocalImages.Image image = new LocalImages(store.root()).resolve(request.image());
        resolved.put(state.id(), image);
        ImageOverrides overrides = request.get(ImageOverrides.class);
        apply(image.config().runConfig(), request, overrides != null ? overrides : ImageOverrides.NONE, spec);
    }

    // tag::apply[]
    /**
     * The process of a container of an image with run settings {@code config}:
     * {@code run IMAGE CMD…} replaces {@code Cmd}, {@code --entrypoint}
     * replaces {@code Entrypoint} (and then the image's {@code Cmd} too), the
     * image's {@code Env} comes first and {@code -e} wins, {@code -w} wins
     * over {@code WorkingDir}.
     */
    static void apply(ImageConfig.Config config, CreateRequest request, ImageOverrides overrides, Spec spec) {
        List<String> entrypoint = overrides.entrypoint() != null ? overrides.entrypoint()
                : config.entrypoint() != null ? config.entrypoint() : List.of();
        List<String> cmd = !request.command().isEmpty() ? request.command()
                : overrides.entrypoint() != null ? List.of()
                : config.cmd() != null ? config.cmd() : List.of();
        List<String> args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        if (args.isEmpty()) {
            throw new ImageException("no command given, and image '" + request.image()
                    + "' has no Entrypoint or Cmd: give one, such as 'jocker run " + request.image() + " sh'");
        }
        spec.process.args = args;
        spec.process.env = environment(config.env(), request.env());
        String workdir = request.workdir();
        if ((workdir == null || workdir.equals("/")) && config.workingDir() != null && !config.workingDir().isEmpty()) {
            workdir = config.workingDir();
        }
        spec.process.cwd = workdir == null || workdir.isEmpty() ? "/" : workdir;
    }
    // end::apply[]

    /**
     * The image's environment with the request's over it. Chapter 1's default
     * {@code PATH} and {@code HOME} are in every request: they stand only
     * where the image sets none, as in Docker.
     */
    static List<String> environment(List<String> image, List<String> request) {
        Map<String, String> vars = new LinkedHashMap<>();
        put(vars, Spec.DEFAULT_ENV);
        if (image != null) {
            put(vars, image);
        }
        for (String entry : request) {
            if (!Spec.DEFAULT_ENV.contains(entry)) {
                put(vars, List.of(entry));
            }
        }
        return vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static void put(Map<String, String> vars, List<String> entries) {
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                vars.put(entry.substring(0, eq), entry.substring(eq + 1));
            } else if (eq < 0 && !entry.isEmpty()) {
                vars.put(entry, "");
            }
        }
    }

    /** The image's layers under the container's own: what chapter 4 mounts when it starts. */
    @Override
    public boolean prepareRoot(ContainerStore store, ContainerState state) throws IOException {
        LocalImages images = new LocalImages(store.root());
        return images.locked(() -> { // rmi cannot take the layers away between the lookup and the record
            LocalImages.Image resolvedImage = resolved.remove(state.id());
            String ref = resolvedImage != null ? resolvedImage.id().toString() : state.image();
            LocalImages.Image image = images.find(ref); // not resolve: no image is made while the index is locked
            if (image == null) {
                throw new ImageException("No such image: " + state.image() + " (removed while the container was made)");
            }
            Files.createDirectories(ContainerLayers.upper(store, state.id()));
            Files.createDirectories(ContainerLayers.work(store, state.id()));
            Files.createDirectories(store.rootfs(state.id()));
            new ContainerLayers(image.id().toString(), image.diffIds().stream().map(Digest::toString).toList())
                    .write(store, state.id());
            return true;
        });
    }
}
