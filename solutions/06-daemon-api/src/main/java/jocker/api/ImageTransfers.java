package jocker.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import jocker.images.ImageArchive;
import jocker.images.ImageCommit;
import jocker.images.ImageConfig;
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
     * import}: the body is a root file system tar, made a one-layer image,
     * its config changed by {@code changes} ({@code -c 'CMD ["sh"]'}).
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
        List<String> changes = changes(request);
        String name = name(request.query("repo"), request.query("tag"));
        LocalImages images = new LocalImages(root);
        LocalImages.Image image = ImageErrors.mapped(() -> {
            Reference tag = name != null ? Reference.parse(name) : null; // a bad name fails before any work
            return withChanges(images, changes, tag, named -> new ImageImport(images).importTar(request.body(),
                    "-", named, request.query("message")));
        });
        try (OutputStream out = response.stream(200, "application/json")) {
            new JsonLines(out).write(JsonMessage.status(image.id().toString()));
        }
    }

    /**
     * {@code POST /commit?container=&repo=&tag=&comment=&author=&changes=}:
     * 201 {@code {"Id"}}. A running container is always paused (frozen)
     * while its layer is read, whatever {@code pause} says.
     */
    void commit(ApiRequest request, ApiResponse response) throws Exception {
        String container = request.query("container");
        if (container == null || container.isBlank()) {
            throw ApiException.badRequest("no container to commit: give container=");
        }
        List<String> changes = changes(request);
        String name = name(request.query("repo"), request.query("tag"));
        LocalImages images = new LocalImages(root);
        LocalImages.Image image = ImageErrors.mapped(() -> {
            Reference tag = name != null ? Reference.parse(name) : null;
            return withChanges(images, changes, tag, named -> new ImageCommit(root).commit(container,
                    named != null ? named.toString() : null, emptyToNull(request.query("comment")),
                    emptyToNull(request.query("author"))));
        });
        response.json(201, new ImageIdResponse(image.id().toString()));
    }

    /** {@code repo} and {@code tag} as one name ({@code repo} may have the tag already), or null for none. */
    private static String name(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            return null;
        }
        return tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
    }

    /** The {@code changes} ({@code -c}), checked before any work: a bad one is a 400 and nothing is made. */
    private static List<String> changes(ApiRequest request) {
        List<String> changes = request.queryAll("changes").stream().filter(c -> !c.isBlank()).toList();
        ConfigChanges.apply(ImageConfig.Config.EMPTY, changes);
        return changes;
    }

    /**
     * The image {@code make} makes, named {@code tag}; with {@code changes},
     * {@code make} makes it unnamed, the image with the changed config gets
     * the name, and the unnamed one goes again. Both happen while the store
     * is being added to, so no prune collects the first image's layer
     * before the second names it.
     */
    private static LocalImages.Image withChanges(LocalImages images, List<String> changes, Reference tag,
                                                 Maker make) throws IOException {
        if (changes.isEmpty()) {
            return make.make(tag);
        }
        LocalImages.Image[] made = new LocalImages.Image[1];
        LocalImages.Image changed = images.adding(() -> {
            made[0] = make.make(null);
            ImageConfig c = made[0].config();
            return images.add(new ImageConfig(c.created(), c.author(), c.architecture(), c.os(),
                    ConfigChanges.apply(c.runConfig(), changes), c.rootfs(), c.history()),
                    made[0].manifest().layers(), tag);
        });
        LocalImages.Image first = images.find(made[0].id().toString());
        if (first != null && !first.id().equals(changed.id()) && first.references().isEmpty()) {
            images.remove(first.id().toString(), false, id -> false);
        }
        return changed;
    }

    /** Makes an image named {@code tag} (none when null). */
    @FunctionalInterface
    private interface Maker {
        LocalImages.Image make(Reference tag) throws IOException;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
