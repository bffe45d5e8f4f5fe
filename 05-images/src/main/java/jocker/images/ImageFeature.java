package jocker.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.engine.StateJson;
import jocker.engine.Stopper;
import jocker.runtime.Exercises;
import jocker.security.Confinement;
import jocker.security.UserIds;
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

    /** What {@code inspect} shows apart: the entrypoint and the command (JSON arrays), the user as named. */
    static final String ANNOTATION_ENTRYPOINT = "dev.jocker.image.entrypoint";
    static final String ANNOTATION_CMD = "dev.jocker.image.cmd";
    static final String ANNOTATION_USER = "dev.jocker.image.user";

    /** The image each container being created resolved to: configure and prepareRoot agree on one. */
    private final Map<String, LocalImages.Image> resolved = new ConcurrentHashMap<>();

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        LocalImages images = new LocalImages(store.root());
        LocalImages.Image image = images.resolve(request.image());
        ImageOverrides overrides = request.get(ImageOverrides.class);
        overrides = overrides != null ? overrides : ImageOverrides.NONE;
        ImageConfig.Config config = image.config().runConfig();
        apply(config, request, overrides, spec);
        String user = user(config, request, overrides);
        runAs(lookUp(user, files(images, image)), spec);
        spec.annotations.put(ANNOTATION_USER, user);
        stopSignal(overrides.stopSignal() != null ? overrides.stopSignal() : config.stopSignal(), spec);
        resolved.put(state.id(), image);
    }

    /**
     * {@code user} looked up in the image. In a workspace where exercise 5.9
     * is not done yet, root and numeric IDs still run as chapter 2 ran them,
     * so that the other exercises' containers run; a name needs the exercise.
     */
    private static ImageUser lookUp(String user, ImageFiles files) throws IOException {
        try {
            return ImageUser.resolve(user, files);
        } catch (RuntimeException e) {
            if (!Exercises.unfinished(e) || !user.matches("([0-9]+(:[0-9]+)?)?")) {
                throw e;
            }
            UserIds ids = user.isEmpty() ? new UserIds(0, 0) : UserIds.parse(user);
            return new ImageUser(ids.uid(), ids.gid(), List.of(), ids.uid() == 0 ? "/root" : "/");
        }
    }

    /** The image's files as its containers start with them: its layers, read without a mount. */
    private static ImageFiles files(LocalImages images, LocalImages.Image image) throws IOException {
        List<Path> layers = new ArrayList<>();
        for (Digest diffId : image.diffIds()) {
            layers.add(images.layers().diff(diffId.toString()));
        }
        return new ImageFiles(layers);
    }

    /**
     * The signal {@code stop} sends first, as the OCI annotation chapter 2's
     * {@link Stopper} reads; an unknown one is refused now, not when stop needs it.
     */
    private static void stopSignal(String signal, Spec spec) {
        if (signal != null && !signal.isEmpty()) {
            Stopper.signalNumber(signal);
            spec.annotations.put(Stopper.ANNOTATION_STOP_SIGNAL, signal);
        }
    }

    /**
     * Whom the process runs as: {@code -u} of chapter 5 (a name or
     * numbers), else chapter 2's numeric {@code -u} of a request made in
     * code, else the image's {@code User}; {@code ""} is root.
     */
    static String user(ImageConfig.Config config, CreateRequest request, ImageOverrides overrides) {
        if (overrides.user() != null) {
            return overrides.user();
        }
        Confinement confinement = request.get(Confinement.class);
        if (confinement != null && confinement.user() != null) {
            return confinement.user().toString();
        }
        return config.user() != null ? config.user() : "";
    }

    // tag::runAs[]
    /**
     * The process runs as {@code user}: its IDs and supplementary groups,
     * the capabilities chapter 2 gives that user (none but the bounding set
     * for any user but root), and {@code HOME} from passwd when neither the
     * image nor {@code -e} set one, as runc does.
     */
    static void runAs(ImageUser user, Spec spec) {
        spec.process.user.uid = user.uid();
        spec.process.user.gid = user.gid();
        spec.process.user.additionalGids = user.additionalGids();
        if (spec.process.capabilities != null) {
            spec.process.capabilities = Confinement.forUser(spec.process.capabilities.bounding, user.uid());
        }
        if (spec.process.env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            List<String> env = new ArrayList<>(spec.process.env);
            env.add("HOME=" + user.home());
            spec.process.env = env;
        }
    }
    // end::runAs[]

    // tag::apply[]
    /**
     * The process of a container of an image with run settings {@code config}:
     * {@code run IMAGE CMD…} replaces {@code Cmd}, {@code --entrypoint}
     * replaces {@code Entrypoint} (and then the image's {@code Cmd} too), the
     * image's {@code Env} comes first and {@code -e} wins, {@code -w} wins
     * over {@code WorkingDir}.
     */
    static void apply(ImageConfig.Config config, CreateRequest request, ImageOverrides overrides,
            Spec spec) {
        List<String> entrypoint = overrides.entrypoint() != null ? overrides.entrypoint()
                : config.entrypoint() != null ? config.entrypoint() : List.of();
        List<String> cmd = !request.command().isEmpty() ? request.command()
                : overrides.entrypoint() != null ? List.of()
                : config.cmd() != null ? config.cmd() : List.of();
        List<String> args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        if (args.isEmpty()) {
            throw new ImageException("no command given, and image '" + request.image()
                    + "' has no Entrypoint or Cmd: give one, such as 'jocker run " + request.image()
                    + " sh'");
        }
        spec.process.args = args;
        spec.annotations.put(ANNOTATION_ENTRYPOINT, json(entrypoint));
        spec.annotations.put(ANNOTATION_CMD, json(cmd));
        spec.process.env = environment(config.env(), request.env());
        String workdir = request.workdir();
        boolean imageHasOne = config.workingDir() != null && !config.workingDir().isEmpty();
        if ((workdir == null || workdir.equals("/")) && imageHasOne) {
            workdir = config.workingDir();
        }
        spec.process.cwd = workdir == null || workdir.isEmpty() ? "/" : workdir;
    }
    // end::apply[]

    /**
     * The image's environment with the request's over it. Chapter 1's default
     * {@code PATH} and {@code HOME} are in every request: {@code PATH}
     * stands only where the image sets none, as in Docker; {@code HOME} is
     * the user's, from the image's passwd ({@link #runAs}).
     */
    static List<String> environment(List<String> image, List<String> request) {
        Map<String, String> vars = new LinkedHashMap<>();
        put(vars, Spec.DEFAULT_ENV.stream().filter(e -> !e.startsWith("HOME=")).toList());
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

    private static String json(List<String> values) {
        return new String(ImageJson.bytes(values), StandardCharsets.UTF_8);
    }

    /**
     * Docker's {@code Config} of the container as it was made: the image's
     * name as given and its ID, the entrypoint and command apart (the
     * engine shows them joined, as they run), the user as named.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
        Map<String, Object> config = (Map<String, Object>) doc.get("Config");
        config.put("Image", state.image());
        ContainerLayers layers = ContainerLayers.read(store, state.id());
        if (layers != null) {
            doc.put("Image", layers.image());
        }
        if (spec.annotations.containsKey(ANNOTATION_CMD)) {
            List<String> entrypoint = entrypoint(spec);
            config.put("Entrypoint", entrypoint.isEmpty() ? null : entrypoint);
            config.put("Cmd", cmd(spec));
        }
        config.put("Env", spec.process.env); // what the process gets: HOME too, which Docker's inspect leaves out
        config.put("WorkingDir", spec.process.cwd);
        config.put("User", spec.annotations.getOrDefault(ANNOTATION_USER, ""));
        config.put("StopSignal", spec.annotations.get(Stopper.ANNOTATION_STOP_SIGNAL));
    }

    /** The entrypoint a container of an image runs, apart from its command: empty for none. */
    public static List<String> entrypoint(Spec spec) {
        return list(spec.annotations.get(ANNOTATION_ENTRYPOINT));
    }

    /** The command a container of an image runs after its entrypoint: Docker's {@code Config.Cmd}. */
    public static List<String> cmd(Spec spec) {
        return list(spec.annotations.get(ANNOTATION_CMD));
    }

    /** An annotation's JSON array, read with jackson-jr ({@code inspect} needs no databind for it). */
    private static List<String> list(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(StateJson.JSON.listOfFrom(String.class, json));
        } catch (IOException | NullPointerException e) {
            throw new ImageException("annotation is not a JSON array of strings: " + json);
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
