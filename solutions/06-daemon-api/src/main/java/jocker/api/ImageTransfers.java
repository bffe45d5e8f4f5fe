package jocker.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import jocker.images.ImageArchive;
import jocker.images.ImageCommit;
import jocker.images.ImageImport;
import jocker.images.ImageSave;
import jocker.images.LocalImages;
import jocker.images.Reference;

/**
 * The image endpoints that move images in and out of the store: save
 * ({@code GET …/get}), load, import ({@code POST /images/create?fromSrc=-})
 * and commit. Each is chapter 5's class of the same name; an archive that
 * is refused leaves nothing in the store, as {@code jocker load} leaves
 * nothing, and the client gets the reason with a 400.
 */
final class ImageTransfers {

    private final Path root;

    ImageTransfers(Path root) {
        this.root = root;
    }

    /**
     * {@code GET /images/{name}/get} and {@code GET /images/get?names=…}: a
     * {@code docker save} archive. Every name is resolved before the first
     * byte goes out, so a missing image is a 404, not a broken tar.
     */
    void save(List<String> names, ApiResponse response) throws Exception {
        if (names.isEmpty()) {
            throw ApiException.badRequest("no image to save: give names=");
        }
        LocalImages images = new LocalImages(root);
        for (String name : names) {
            ImageErrors.mapped(() -> images.resolve(name));
        }
        try (OutputStream out = response.stream(200, "application/x-tar")) {
            new ImageSave(images).save(names, out);
        }
    }

    /** {@code POST /images/load}: the archive of the body; {@code {"stream":"Loaded image: …\n"}} lines. */
    void load(ApiRequest request, ApiResponse response) throws Exception {
        List<String> loaded = ImageErrors.mapped(() ->
                new ImageArchive(new LocalImages(root)).load(request.body(), "the archive sent"));
        try (OutputStream out = response.stream(200, "application/json")) {
            JsonLines lines = new JsonLines(out);
            for (String line : loaded) {
                lines.write(JsonMessage.stream(line + "\n"));
            }
        }
    }

    /**
     * {@code POST /images/create}: with {@code fromSrc=-}, {@code docker
     * import}: the body is a root file system tar, made a one-layer image.
     * {@code fromImage} (a pull) is chapter 7's.
     */
    void create(ApiRequest request, ApiResponse response) throws Exception {
        String source = request.query("fromSrc");
        if (source == null) {
            String image = request.query("fromImage");
            throw new ApiException(501, "jockerd cannot pull " + (image != null ? image : "images")
                    + " yet: pulling from a registry arrives in chapter 7; docker load or docker build it instead");
        }
        if (!source.equals("-")) {
            throw ApiException.badRequest("jockerd imports only the request's body (fromSrc=-), not " + source);
        }
        refuseChanges(request);
        String name = name(request.query("repo"), request.query("tag"));
        LocalImages.Image image = ImageErrors.mapped(() -> new ImageImport(new LocalImages(root)).importTar(
                request.body(), "-", name != null ? Reference.parse(name) : null, request.query("message")));
        try (OutputStream out = response.stream(200, "application/json")) {
            new JsonLines(out).write(JsonMessage.status(image.id().toString()));
        }
    }

    /**
     * {@code POST /commit?container=&repo=&tag=&comment=&author=}: 201
     * {@code {"Id"}}. A running container is always paused (frozen) while
     * its layer is read, whatever {@code pause} says.
     */
    void commit(ApiRequest request, ApiResponse response) throws Exception {
        String container = request.query("container");
        if (container == null || container.isBlank()) {
            throw ApiException.badRequest("no container to commit: give container=");
        }
        refuseChanges(request);
        String name = name(request.query("repo"), request.query("tag"));
        LocalImages.Image image = ImageErrors.mapped(() -> new ImageCommit(root).commit(container, name,
                emptyToNull(request.query("comment")), emptyToNull(request.query("author"))));
        response.json(201, new ImageIdResponse(image.id().toString()));
    }

    /** {@code repo} and {@code tag} as one name ({@code repo} may have the tag already), or null for none. */
    private static String name(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            return null;
        }
        return tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
    }

    private static void refuseChanges(ApiRequest request) {
        List<String> changes = request.queryAll("changes").stream().filter(c -> !c.isBlank()).toList();
        if (!changes.isEmpty()) {
            throw ApiException.badRequest("jockerd applies no --change (" + changes.get(0)
                    + "): build a Dockerfile FROM the image instead");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
