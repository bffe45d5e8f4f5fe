package jocker.distribution;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jocker.distribution.auth.Authenticator;
import jocker.engine.Event;
import jocker.engine.Events;
import jocker.images.BlobStore;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.ImageException;
import jocker.images.LocalImages;
import jocker.images.MediaTypes;
import jocker.images.Reference;

/**
 * A push, in the order dockerd does it:
 *
 * <pre>
 * for each layer and the config, in parallel:
 *   HEAD /v2/&lt;name&gt;/blobs/&lt;digest&gt;                    200: "Layer already exists"
 *   POST /v2/&lt;name&gt;/blobs/uploads/?mount=…&amp;from=…    201: "Mounted from lib/other"
 *   POST, PATCH…, PUT ?digest=                         (see BlobUpload) "Pushed"
 * PUT /v2/&lt;name&gt;/manifests/&lt;tag&gt;                     the manifest's very bytes, with its media type
 * </pre>
 *
 * The manifest goes last: a registry refuses one that names blobs it does
 * not have. Its bytes are the stored ones, so its digest is the same on
 * both sides.
 */
final class Pusher {

    private final LocalImages images;
    private final BlobStore blobs;
    private final Reference reference;
    private final Authenticator auth;
    private final Progress progress;
    private final Distribution.Options options;
    private final int chunkBytes;

    Pusher(LocalImages images, Reference reference, Authenticator auth, Progress progress,
           Distribution.Options options, int chunkBytes) {
        this.images = images;
        this.blobs = images.blobs();
        this.reference = reference;
        this.auth = auth;
        this.progress = progress;
        this.options = options;
        this.chunkBytes = chunkBytes;
    }

    Digest push() throws IOException {
        if (reference.digest() != null || reference.tag() == null) {
            throw new ImageException("push " + reference.familiar() + ": push NAME[:TAG]; a digest names no tag "
                    + "to push to");
        }
        LocalImages.Image image = images.resolve(reference.toString());
        progress.line("The push refers to repository [" + reference.familiarName() + "]");
        RegistryClient client = new RegistryClient(RegistryEndpoint.of(reference.domain(),
                options.insecureRegistries()), reference.path(),
                Scope.repository(reference.path(), Scope.PULL, Scope.PUSH), auth);
        client.ping("push " + reference.familiar());
        return images.adding(() -> pushAdding(client, image)); // no rmi collects the blobs meanwhile
    }

    private Digest pushAdding(RegistryClient client, LocalImages.Image image) throws IOException {
        Map<Digest, Descriptor> layers = new LinkedHashMap<>();
        for (Descriptor layer : image.manifest().layers()) {
            layers.putIfAbsent(layer.digestValue(), layer);
        }
        layers.keySet().forEach(d -> progress.layer(d.shortHex(), "Preparing", -1, -1));
        layers.keySet().forEach(d -> progress.layer(d.shortHex(), "Waiting", -1, -1));
        List<Transfers.Task> tasks = new ArrayList<>();
        for (Descriptor layer : layers.values()) {
            tasks.add(() -> pushBlob(client, layer, progress));
        }
        tasks.add(() -> pushBlob(client, image.manifest().config(), Progress.silent()));
        Transfers.run(tasks, options.parallel());

        byte[] manifest = blobs.read(image.manifestDigest());
        String mediaType = image.manifest().mediaType() != null ? image.manifest().mediaType()
                : MediaTypes.OCI_MANIFEST;
        String what = "push " + reference.familiar() + ": manifest";
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(client.uri("manifests/" + reference.tag()))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)),
                HttpResponse.BodyHandlers.discarding(), what);
        String there = r.headers().firstValue("Docker-Content-Digest").orElse(image.manifestDigest().toString());
        if (!there.equals(image.manifestDigest().toString())) {
            throw new IOException(what + ": the registry names it " + there + ", not " + image.manifestDigest());
        }
        BlobSources sources = new BlobSources(images.root());
        String repository = reference.name();
        sources.add(image.manifest().config().digestValue(), repository);
        for (Digest layer : layers.keySet()) {
            sources.add(layer, repository);
        }
        Events.record(images.root(), Event.IMAGE, "push", reference.familiar(), Map.of("name", reference.familiar()));
        progress.line(reference.tag() + ": digest: " + image.manifestDigest() + " size: " + manifest.length);
        return image.manifestDigest();
    }

    /** One blob: skipped, mounted or uploaded, as {@link PushPlan} decides. */
    private void pushBlob(RegistryClient client, Descriptor blob, Progress shown) throws IOException {
        Digest digest = blob.digestValue();
        String id = digest.shortHex();
        String what = "push blob " + digest + " to " + reference.name();
        boolean there = client.head(client.uri("blobs/" + digest), what).isPresent();
        PushPlan plan = PushPlan.decide(there, new BlobSources(images.root()).of(digest), reference.domain(),
                reference.path());
        BlobUpload upload = new BlobUpload(client, chunkBytes);
        URI session = null;
        switch (plan.action()) {
            case SKIP -> {
                shown.layer(id, "Layer already exists", -1, -1);
                return;
            }
            case MOUNT -> {
                Optional<URI> started = mount(client, digest, plan.from(), what);
                if (started.isEmpty()) {
                    shown.layer(id, "Mounted from " + plan.from(), -1, -1);
                    return;
                }
                session = started.get();
            }
            case UPLOAD -> session = upload.start(what);
            default -> throw new IllegalStateException(plan.toString());
        }
        long size = blobs.size(digest);
        shown.layer(id, "Pushing", 0, size);
        upload.upload(session, blobs.path(digest), size, digest, n -> shown.layer(id, "Pushing", n, size), what);
        shown.layer(id, "Pushed", -1, -1);
    }

    /**
     * Asks the registry to mount {@code digest} from repository {@code from}:
     * empty when it did (201); else the upload session it opened instead
     * (202), or a new one when it refused.
     */
    private Optional<URI> mount(RegistryClient client, Digest digest, String from, String what) throws IOException {
        URI uri = URI.create(client.uri("blobs/uploads/") + "?mount=" + digest + "&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8));
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()),
                    HttpResponse.BodyHandlers.discarding(), what + ": mount from " + from);
            if (r.statusCode() == 201) {
                return Optional.empty();
            }
            String location = r.headers().firstValue("Location").orElse(null);
            if (location != null) {
                return Optional.of(client.resolve(location));
            }
        } catch (RegistryException refused) {
            // no pull access to the other repository, say: the bytes go instead
        }
        return Optional.of(new BlobUpload(client, chunkBytes).start(what));
    }
}
