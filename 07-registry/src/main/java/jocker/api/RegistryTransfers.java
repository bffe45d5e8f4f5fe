package jocker.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jocker.daemon.Jockerd;
import jocker.distribution.Distribution;
import jocker.distribution.auth.Authenticator;
import jocker.images.Digest;
import jocker.images.ImageException;
import jocker.images.ImageIndex;
import jocker.images.LocalImages;
import jocker.images.Reference;

/**
 * Pull and push for the docker CLI: chapter 7's {@link Distribution} on the
 * daemon's store, with the credentials the CLI sends in
 * {@code X-Registry-Auth} (base64url JSON of the user's login; the daemon
 * keeps none of its own) and the progress as Docker's JSON lines.
 */
final class RegistryTransfers {

    /** The header in which the docker CLI sends the credentials for the registry of the image. */
    static final String REGISTRY_AUTH = "X-Registry-Auth";

    private final Path root;
    private final Distribution.Options options;

    RegistryTransfers(Path root, Distribution.Options options) {
        this.root = root;
        this.options = options;
    }

    /** The defaults, with the registries jockerd was told to reach over plain HTTP ({@code --insecure-registry}). */
    static Distribution.Options daemonOptions() {
        Set<String> insecure = Arrays.stream(System.getProperty(Jockerd.INSECURE_REGISTRIES, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Distribution.Options(insecure, Distribution.Options.defaults().parallel());
    }

    /**
     * {@code POST /images/create?fromImage=&tag=}: {@code docker pull}, and
     * {@code docker run} of an image not in the store. A bad name or
     * platform is a 400 before anything is fetched.
     */
    void pull(ApiRequest request, ApiResponse response) throws Exception {
        Reference reference = ImageErrors.mapped(() -> PullReference.parse(request.query("fromImage"),
                request.query("tag")));
        checkPlatform(request.query("platform"));
        Authenticator auth = registryAuth(request);
        LocalImages images = new LocalImages(root);
        JsonProgress progress = new JsonProgress(response);
        progress.run(() -> Distribution.pull(images, reference, auth, progress, options));
    }

    /**
     * {@code POST /images/{name}/push?tag=}: {@code docker push}. The image
     * must be in the store (a 404 otherwise, before the stream); after the
     * push's own last line ({@code 1: digest: sha256:… size: 527}) comes the
     * same as {@code aux}, which the CLI hands to content trust.
     */
    void push(String name, ApiRequest request, ApiResponse response) throws Exception {
        Reference reference = ImageErrors.mapped(() -> pushReference(name, request.query("tag")));
        LocalImages images = new LocalImages(root);
        ImageErrors.mapped(() -> images.resolve(reference.toString()));
        Authenticator auth = registryAuth(request);
        JsonProgress progress = new JsonProgress(response);
        progress.run(() -> {
            Digest digest = Distribution.push(images, reference, auth, progress, options);
            long size = images.blobs().size(digest); // the local manifest's bytes, which went up as they are
            Map<String, Object> aux = new LinkedHashMap<>();
            aux.put("Tag", reference.tag());
            aux.put("Digest", digest.toString());
            aux.put("Size", size);
            progress.send(new JsonMessage(null, null, JsonMessage.ProgressDetail.NONE, null, null, aux, null, null));
        });
    }

    /** The credentials the CLI sent, or none; a header that is not base64url JSON is a 400. */
    private static Authenticator registryAuth(ApiRequest request) {
        try {
            return Authenticator.fromRegistryAuthHeader(request.header(REGISTRY_AUTH));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** {@code name} (a repository, or one with its tag) with {@code tag}; every tag at once is refused. */
    private static Reference pushReference(String name, String tag) {
        if (tag != null && !tag.isEmpty()) {
            return Reference.parse(name + ":" + tag);
        }
        if (name.lastIndexOf(':') <= name.lastIndexOf('/')) {
            throw new ImageException("jockerd pushes one tag at a time, not every tag of " + name
                    + " (docker push --all-tags): name a tag");
        }
        return Reference.parse(name);
    }

    /** Only the daemon's own platform, {@code linux/amd64}, can run here; no {@code platform} means it. */
    private static void checkPlatform(String platform) {
        if (platform == null || platform.isEmpty()) {
            return;
        }
        String host = ImageIndex.HOST.os() + "/" + ImageIndex.HOST.architecture();
        if (!platform.equals(host) && !platform.equals(ImageIndex.HOST.os())) {
            throw ApiException.badRequest("jockerd pulls images for its own platform, " + host + ", not " + platform);
        }
    }
}
