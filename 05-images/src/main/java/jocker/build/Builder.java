package jocker.build;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.ImageConfig;
import jocker.images.ImageException;
import jocker.images.ImageOverrides;
import jocker.images.LocalImages;
import jocker.images.Reference;
import jocker.spec.Spec;
import jocker.unionfs.ContainerLayers;

/**
 * {@code jocker build}: a Dockerfile made into an image, one step at a
 * time, as Docker's classic builder does it. Each step starts from the
 * image the step before made and makes a new one:
 *
 * <ul>
 * <li>RUN runs a container of that image and keeps its upper layer (chapter
 * 4's overlay) as a new layer: a step is a container and a commit;
 * <li>COPY, ADD and WORKDIR put files in a new layer directly;
 * <li>the other instructions change only the config ({@code empty_layer}).
 * </ul>
 *
 * <p>Each step's image is kept as an intermediate image of the store, and
 * the {@link BuildCache} remembers it by the step's {@link CacheKey}: the
 * next build of the same step from the same image takes it ({@code Using
 * cache}) instead of running it again.
 */
public final class Builder {

    private final Engine engine;
    private final LocalImages images;
    private final BuildCache cache;

    public Builder(Path root) {
        this.engine = new Engine(root);
        this.images = new LocalImages(root);
        this.cache = new BuildCache(images);
    }

    /** The state of one build: its Dockerfile, request, and the stages built so far. */
    private final class Build {
        final Dockerfile file;
        final BuildRequest request;
        final PrintStream out;
        final SourceFiles context;
        final Map<String, String> metaArgs;
        final Map<Integer, LocalImages.Image> stages = new HashMap<>();
        final Set<String> usedArgs = new LinkedHashSet<>();
        final int total;
        int step;

        Build(Dockerfile file, BuildRequest request) throws IOException {
            this.file = file;
            this.request = request;
            this.out = request.out();
            this.context = SourceFiles.context(request.context(), DockerIgnore.read(request.context()));
            this.metaArgs = file.metaArgValues(request.buildArgs());
            this.total = file.stepCount(request.target());
        }

        void announce(Instruction instruction) {
            out.println("Step " + ++step + "/" + total + " : " + instruction.text());
        }
    }

    /**
     * Builds the image {@code request} describes and names it with its tags.
     *
     * @throws DockerfileException for an error in the Dockerfile or a step that failed, naming file and line
     */
    public LocalImages.Image build(BuildRequest request) throws IOException, InterruptedException {
        try {
            // Each step's layers are stored before its image names them, and each step starts from the image
            // the one before made, unnamed: no rmi or prune may collect them until the build is over.
            return images.adding(() -> {
                try {
                    return buildAdding(request);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("the build was interrupted");
                }
            });
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedException(e.getMessage());
        }
    }

    private LocalImages.Image buildAdding(BuildRequest request) throws IOException, InterruptedException {
        if (!Files.isDirectory(request.context())) {
            throw new DockerfileException("the build context " + request.context() + " is not a directory");
        }
        if (!Files.isRegularFile(request.dockerfile())) {
            throw new DockerfileException("cannot read the Dockerfile: " + request.dockerfile() + " is not a file "
                    + "(give one with -f)");
        }
        List<Reference> tags = new ArrayList<>();
        for (String tag : request.tags()) {
            tags.add(Reference.parse(tag)); // a bad name fails before any work
        }
        Dockerfile file = Dockerfile.parse(Files.readString(request.dockerfile()),
                request.dockerfile().getFileName().toString());
        Build build = new Build(file, request);
        for (Instruction arg : file.metaArgs()) {
            build.announce(arg);
            arg.args().forEach(word -> build.usedArgs.add(word.split("=", 2)[0]));
        }
        LocalImages.Image last = null;
        for (Stage stage : file.stagesUpTo(request.target())) {
            last = buildStage(build, stage);
            build.stages.put(stage.index(), last);
        }
        warnUnused(build);
        if (last == null) {
            throw new DockerfileException(file.fileName() + ": no image was made: the last stage starts FROM "
                    + "scratch and has no step");
        }
        build.out.println("Successfully built " + last.id().shortHex());
        for (Reference tag : tags) {
            images.tag(last.id().toString(), tag.toString());
            build.out.println("Successfully tagged " + tag.familiar());
        }
        return last;
    }

    private LocalImages.Image buildStage(Build build, Stage stage) throws IOException, InterruptedException {
        build.announce(stage.from());
        String base = build.file.base(stage, build.metaArgs);
        StageState state = new StageState(baseImage(build, stage, base));
        if (state.image != null) {
            build.out.println(" ---> " + state.image.id().shortHex());
        }
        for (Instruction instruction : stage.instructions()) {
            build.announce(instruction);
            try {
                take(build, state, instruction);
            } catch (DockerfileException e) {
                throw located(build, instruction, e);
            } catch (ImageException | IOException e) {
                throw instruction.error(build.file.fileName(), e.getMessage());
            }
        }
        return state.image;
    }

    /** An exception that names file and line, as it is or with them added. */
    private static DockerfileException located(Build build, Instruction instruction, DockerfileException e) {
        return e.getMessage().startsWith(build.file.fileName() + ":") ? e
                : new DockerfileException(build.file.fileName() + ":" + instruction.line() + ": "
                        + instruction.keyword() + ": " + e.getMessage(), e);
    }

    /** What FROM names: an earlier stage, scratch (null), or an image of the store. */
    private LocalImages.Image baseImage(Build build, Stage stage, String base) throws IOException {
        for (Stage earlier : build.file.stages().subList(0, stage.index())) {
            if (base.equalsIgnoreCase(earlier.name())) {
                return build.stages.get(earlier.index());
            }
        }
        if (base.equals("scratch")) {
            return null;
        }
        try {
            return images.resolve(base);
        } catch (ImageException e) {
            throw stage.from().error(build.file.fileName(), e.getMessage()
                    + " (jocker build does not pull: load or build it first)");
        }
    }

    // tag::step[]
    /**
     * Takes one step: from the cache if it has it, else by running it; the
     * stage moves on to its image.
     */
    private void take(Build build, StageState state, Instruction instruction)
            throws IOException, InterruptedException {
        Step step = new Steps(build.file, build.request.buildArgs(), build.metaArgs, images,
                build.request.context(), build.context, build.stages, build.usedArgs)
                .prepare(state, instruction);
        try {
            Path files = step.files() != null ? step.files().root() : null;
            Digest key = CacheKey.of(state.id(), step.createdBy(), files);
            LocalImages.Image cached = build.request.noCache() ? null : cache.find(key);
            if (cached != null) {
                build.out.println(" ---> Using cache");
            } else {
                Descriptor layer = step.command() != null ? run(build, state, step)
                        : step.files() != null ? images.layerFromTree(step.files().root()) : null;
                List<Descriptor> layers = new ArrayList<>(state.layers);
                if (layer != null) {
                    layers.add(layer);
                }
                Digest diffId = layer != null ? layer.digestValue() : null;
                ImageConfig config = state.next(step.config(), diffId, step.createdBy());
                cached = images.add(config, layers, null, true);
                cache.put(key, cached.id());
            }
            state.image = cached;
            state.config = cached.config();
            state.layers = new ArrayList<>(cached.manifest().layers());
            build.out.println(" ---> " + cached.id().shortHex());
        } finally {
            if (step.files() != null) {
                step.files().close();
            }
        }
    }
    // end::step[]

    // tag::run[]
    /**
     * RUN: a container of the image so far runs the command in the
     * foreground; its upper layer becomes the new layer (none if it changed
     * nothing). The container is removed whatever happens.
     */
    private Descriptor run(Build build, StageState state, Step step)
            throws IOException, InterruptedException {
        List<String> env = new ArrayList<>(Spec.DEFAULT_ENV);
        state.runArgs().forEach((name, value) -> env.add(name + "=" + value));
        // no ENTRYPOINT: the step's command alone
        CreateRequest request = new CreateRequest(state.image.id().toString(), step.command(),
                null, null, env, null, false).with(new ImageOverrides(List.of(), null));
        ContainerState container = engine.create(request);
        String shortId = container.id().substring(0, 12);
        try {
            build.out.println(" ---> Running in " + shortId);
            build.out.flush();
            int status = engine.runForeground(container.id(), build.request.runOutput());
            if (status != 0) {
                throw new DockerfileException("The command '" + String.join(" ", step.command())
                        + "' returned a non-zero code: " + status);
            }
            Path upper = ContainerLayers.upper(engine.store(), container.id());
            return isEmpty(upper) ? null : images.layerFromTree(upper);
        } finally {
            engine.remove(container.id(), true);
            build.out.println("Removing intermediate container " + shortId);
        }
    }
    // end::run[]

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void warnUnused(Build build) {
        List<String> unused = build.request.buildArgs().keySet().stream()
                .filter(name -> !build.usedArgs.contains(name)).sorted().toList();
        if (!unused.isEmpty()) {
            build.out.println("[Warning] One or more build-args " + unused + " were not consumed");
        }
    }
}
