package jocker.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.ImageConfig;
import jocker.images.ImageJson;
import jocker.images.LocalImages;

/**
 * Where a stage's build stands: the image the last step made and what the
 * next one needs to know besides (the ARGs declared so far).
 */
final class StageState {

    /** The image so far; null for {@code FROM scratch} until a step makes one. */
    LocalImages.Image image;
    /** Its config: the base image's, or an empty one for scratch. */
    ImageConfig config;
    /** Its layers, bottom first. */
    List<Descriptor> layers;
    /** The ARGs declared in this stage, with their values (one declared without a value is absent). */
    final Map<String, String> args = new LinkedHashMap<>();
    /** Whether a CMD of this stage set Cmd: an ENTRYPOINT resets an inherited one only. */
    boolean cmdSet;

    StageState(LocalImages.Image base) {
        image = base;
        if (base != null) {
            config = base.config();
            layers = new ArrayList<>(base.manifest().layers());
        } else {
            config = new ImageConfig(null, null, "amd64", "linux", ImageConfig.Config.EMPTY,
                    new ImageConfig.RootFs("layers", List.of()), List.of());
            layers = new ArrayList<>();
        }
    }

    /** The image's ID, or null for scratch before any step. */
    Digest id() {
        return image == null ? null : image.id();
    }

    ImageConfig.Config run() {
        return config.runConfig();
    }

    /** The image's environment as a map, in order. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : run().env() != null ? run().env() : List.<String>of()) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return env;
    }

    /** What {@code $NAME} means in this stage: the ARGs, and the ENVs over them (as Docker's lookup order has it). */
    Map<String, String> substitutions() {
        Map<String, String> vars = new LinkedHashMap<>(args);
        vars.putAll(env());
        return vars;
    }

    /** The ARGs a RUN sees in its environment: those no ENV of the same name hides. */
    Map<String, String> runArgs() {
        Map<String, String> visible = new LinkedHashMap<>(args);
        visible.keySet().removeAll(env().keySet());
        return visible;
    }

    /**
     * The next image's config: the run settings {@code run}, the layer
     * {@code diffId} added (null: none, an {@code empty_layer} step), and a
     * history entry for {@code createdBy}.
     */
    ImageConfig next(ImageConfig.Config run, Digest diffId, String createdBy) {
        String now = ImageJson.timestamp(Instant.now()); // as Go writes it: skopeo keeps the image ID
        List<String> diffIds = new ArrayList<>(config.rootfs() != null ? config.rootfs().diffIds() : List.of());
        if (diffId != null) {
            diffIds.add(diffId.toString());
        }
        List<ImageConfig.History> history = new ArrayList<>(config.history());
        history.add(new ImageConfig.History(now, createdBy, null, null, diffId == null));
        return new ImageConfig(now, config.author(), config.architecture() != null ? config.architecture() : "amd64",
                config.os() != null ? config.os() : "linux", run, new ImageConfig.RootFs("layers", diffIds), history);
    }
}
