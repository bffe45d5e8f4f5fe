package jocker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jocker.images.LocalImages;

/** The image endpoints that change names or delete: tag, remove, prune. */
final class ImageChanges {

    private final Path root;

    ImageChanges(Path root) {
        this.root = root;
    }

    /** {@code POST /images/{name}/tag?repo=&tag=}: 201; {@code repo} may hold a registry with its port. */
    void tag(String name, ApiRequest request, ApiResponse response) throws Exception {
        String repo = request.query("repo");
        if (repo == null || repo.isBlank()) {
            throw ApiException.badRequest("repository name must have at least one component: give repo=");
        }
        String tag = request.query("tag");
        String target = tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
        ImageErrors.mapped(() -> new LocalImages(root).tag(name, target));
        response.empty(201);
    }

    /**
     * {@code DELETE /images/{name}?force=&noprune=}: chapter 5's {@code rmi}.
     * A 409 when a container uses the image, unless {@code force}.
     * {@code noprune} has nothing to do here: an image has no parent images
     * to keep, its layers go when no image or container needs them.
     */
    void remove(String name, ApiRequest request, ApiResponse response) throws Exception {
        LocalImages images = new LocalImages(root);
        boolean force = request.queryFlag("force", false);
        List<String> lines = ImageErrors.mapped(() -> images.remove(name, force, images::usedByContainer));
        response.json(200, lines.stream().map(ImageDeleteItem::of).toList());
    }

    /**
     * {@code POST /images/prune?filters=}: images without a name, or every
     * unused one with {@code dangling=false} ({@code docker image prune -a}).
     * The space is what the blobs and layers took before and after.
     */
    void prune(ApiRequest request, ApiResponse response) throws Exception {
        Map<String, List<String>> filters = request.filters();
        for (String key : filters.keySet()) {
            if (!key.equals("dangling")) {
                throw ApiException.badRequest("invalid filter '" + key + "': jockerd prunes by dangling only");
            }
        }
        List<String> dangling = filters.getOrDefault("dangling", List.of("true"));
        boolean all = dangling.stream().anyMatch(v -> v.equalsIgnoreCase("false") || v.equals("0"));
        LocalImages images = new LocalImages(root);
        long before = usage(root);
        List<String> deleted = images.prune(all, images::usedByContainer);
        long reclaimed = Math.max(0, before - usage(root));
        response.json(200, new ImagesPruneReport(deleted.stream().map(ImageDeleteItem::of).toList(), reclaimed));
    }

    /** The bytes of the blobs and layers; a file with two names (a layer's tar is its blob too) counts once. */
    private static long usage(Path root) throws IOException {
        long total = 0;
        Set<Object> seen = new HashSet<>();
        for (Path dir : List.of(root.resolve("oci"), root.resolve("layers"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && seen.add(a.fileKey())) {
                        total += a.size();
                    }
                }
            }
        }
        return total;
    }
}
