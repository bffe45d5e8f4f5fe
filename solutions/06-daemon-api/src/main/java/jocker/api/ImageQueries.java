package jocker.api;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jocker.images.Digest;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;
import jocker.images.Reference;

/** The image endpoints that only read: list, inspect, history. */
final class ImageQueries {

    private final Path root;

    ImageQueries(Path root) {
        this.root = root;
    }

    /** {@code GET /images/json?all=&filters=}: newest first, as {@code docker images} shows them. */
    void list(ApiRequest request, ApiResponse response) throws Exception {
        LocalImages images = new LocalImages(root);
        ImageFilter filter = ImageFilter.of(request.filters(),
                ref -> ImageErrors.mappedUnchecked(() -> LocalImages.created(images.resolve(ref))));
        List<LocalImages.Image> all = new ArrayList<>(images.list(request.queryFlag("all", false)));
        all.sort(Comparator.comparing(LocalImages::created).reversed());
        boolean placeholders = before144(request.apiVersion());
        List<ImageSummary> out = new ArrayList<>();
        for (LocalImages.Image image : all) {
            List<String> tags = repoTags(image);
            Map<String, String> labels = labels(image.config());
            if (filter.matches(tags, labels, LocalImages.created(image))) {
                long size = images.size(image);
                boolean dangling = tags.isEmpty() && placeholders;
                out.add(new ImageSummary(image.id().toString(), "",
                        dangling ? List.of("<none>:<none>") : filter.shownTags(tags),
                        dangling ? List.of("<none>@<none>") : List.of(), LocalImages.created(image).getEpochSecond(),
                        size, -1, size, labels, -1));
            }
        }
        response.json(200, out);
    }

    /**
     * Whether the client speaks an API older than 1.44, which names an
     * image without a name {@code <none>:<none>} (and {@code <none>@<none>})
     * rather than with empty lists: docker 20.10 lists an image only if it
     * has a name or those placeholders.
     */
    static boolean before144(String apiVersion) {
        String[] parts = apiVersion.split("\\.");
        try {
            return parts.length == 2 && Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) < 44;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code GET /images/{name}/json}. */
    void inspect(String name, ApiResponse response) throws Exception {
        LocalImages images = new LocalImages(root);
        LocalImages.Image image = ImageErrors.mapped(() -> images.resolve(name));
        ImageConfig config = image.config();
        List<ImageConfig.History> history = config.history();
        String comment = history.isEmpty() ? null : history.get(history.size() - 1).comment();
        long size = images.size(image);
        response.json(200, new ImageInspect(image.id().toString(), repoTags(image), List.of(), "",
                comment != null ? comment : "", config.created() != null ? config.created() : "", "",
                config.author() != null ? config.author() : "", config.runConfig(), config.runConfig(),
                config.architecture(), config.os(), size, size,
                new ImageInspect.RootFs("layers", config.rootfs().diffIds()),
                Map.of("LastTagTime", "0001-01-01T00:00:00Z")));
    }

    /**
     * {@code GET /images/{name}/history}: the config's history, newest
     * first, each step that made a layer paired with the next diff ID.
     */
    void history(String name, ApiResponse response) throws Exception {
        LocalImages images = new LocalImages(root);
        LocalImages.Image image = ImageErrors.mapped(() -> images.resolve(name));
        List<ImageConfig.History> history = image.config().history();
        if (history.isEmpty()) { // a config without history: one unnamed step per layer
            history = image.diffIds().stream()
                    .map(d -> new ImageConfig.History(image.config().created(), "", null, null, false)).toList();
        }
        List<ImageHistoryItem> steps = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History h : history) {
            long size = 0;
            if (!h.emptyLayer() && layer < image.diffIds().size()) {
                Digest diffId = image.diffIds().get(layer++);
                size = images.layerSize(diffId);
            }
            steps.add(0, new ImageHistoryItem("<missing>", seconds(h.created()),
                    h.createdBy() != null ? h.createdBy() : "", null, size, h.comment() != null ? h.comment() : ""));
        }
        ImageHistoryItem top = steps.get(0);
        steps.set(0, new ImageHistoryItem(image.id().toString(), top.created(), top.createdBy(), repoTags(image),
                top.size(), top.comment()));
        response.json(200, steps);
    }

    /** The names as Docker's API gives them: {@code busybox:latest}, {@code localhost:5000/x:1}. */
    static List<String> repoTags(LocalImages.Image image) {
        return image.references().stream().map(Reference::familiar).toList();
    }

    private static Map<String, String> labels(ImageConfig config) {
        Map<String, String> labels = config.runConfig().labels();
        return labels != null ? labels : Map.of();
    }

    private static long seconds(String created) {
        try {
            return created != null ? Instant.parse(created).getEpochSecond() : 0;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
