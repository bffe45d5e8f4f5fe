package jocker.distribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jocker.distribution.auth.Authenticator;
import jocker.engine.Event;
import jocker.engine.Events;
import jocker.images.BlobStore;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.DigestMismatchException;
import jocker.images.ImageConfig;
import jocker.images.ImageException;
import jocker.images.ImageIndex;
import jocker.images.LayerImport;
import jocker.images.LocalImages;
import jocker.images.Manifest;
import jocker.images.Reference;

/**
 * A pull, in the order dockerd does it:
 *
 * <pre>
 * GET /v2/&lt;name&gt;/manifests/&lt;tag&gt;       Accept: the OCI and Docker manifest and index types
 *   an index? pick linux/amd64 → GET /v2/&lt;name&gt;/manifests/&lt;digest&gt;
 * GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;         the config and each layer not in the store, in parallel,
 *                                       each hashed on the way into the store and refused on a mismatch
 * unpack each layer, bottom first       checked against the config's diff IDs (chapter 5's LayerImport)
 * name the image in index.json
 * </pre>
 *
 * A pull that fails names nothing, and the blobs and layers it stored go again.
 */
final class Puller {

    private final LocalImages images;
    private final BlobStore blobs;
    private final Reference reference;
    private final Authenticator auth;
    private final Progress progress;
    private final Distribution.Options options;

    Puller(LocalImages images, Reference reference, Authenticator auth, Progress progress,
           Distribution.Options options) {
        this.images = images;
        this.blobs = images.blobs();
        this.reference = reference;
        this.auth = auth;
        this.progress = progress;
        this.options = options;
    }

    LocalImages.Image pull() throws IOException {
        String what = "pull " + reference.familiar();
        RegistryClient client = new RegistryClient(RegistryEndpoint.of(reference.domain(),
                options.insecureRegistries()), reference.path(), Scope.repository(reference.path(), Scope.PULL), auth);
        client.ping(what);
        String ref = reference.digest() != null ? reference.digest() : reference.tag();
        ManifestFetch top;
        try {
            top = ManifestFetch.get(client, ref, what);
        } catch (RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new RegistryException(404, e.code(), "manifest for " + reference.familiar() + " not found: "
                    + e.getMessage().substring(what.length() + 2));
        }
        progress.line(ref + ": Pulling from " + reference.path());
        ManifestFetch chosen = top;
        if (top.isIndex()) {
            Descriptor forHost = ImageIndex.parse(top.bytes(), what).forHost(what);
            chosen = ManifestFetch.get(client, forHost.digest(), what);
            if (chosen.isIndex()) {
                throw new ImageException(what + ": the index names another index for " + ImageIndex.HOST
                        + " (nested indexes are not followed)");
            }
        }
        Manifest manifest = Manifest.parse(chosen.bytes(), what + ": manifest " + chosen.digest());
        Reference name = reference.digest() != null
                ? new Reference(reference.domain(), reference.path(), null, chosen.digest().toString()) : reference;
        ManifestFetch image = chosen;
        return images.adding(() -> store(client, top, image, manifest, name));
    }

    private LocalImages.Image store(RegistryClient client, ManifestFetch top, ManifestFetch chosen,
            Manifest manifest, Reference name) throws IOException {
        Set<Digest> stored = ConcurrentHashMap.newKeySet();
        Set<String> layersBefore = new HashSet<>(images.layers().list());
        boolean done = false;
        try {
            LocalImages.Image before = images.find(name.toString());
            download(client, manifest, stored);
            if (!blobs.has(chosen.digest())) {
                blobs.put(new ByteArrayInputStream(chosen.bytes()), chosen.digest());
                stored.add(chosen.digest());
            }
            unpack(manifest);
            LocalImages.Image image = images.record(chosen.digest(), chosen.bytes().length, chosen.mediaType(),
                    name, false);
            BlobSources sources = new BlobSources(images.root());
            String repository = client.endpoint().domain() + "/" + client.repository();
            sources.add(manifest.config().digestValue(), repository);
            for (Descriptor layer : manifest.layers()) {
                sources.add(layer.digestValue(), repository);
            }
            Events.record(images.root(), Event.IMAGE, "pull", name.familiar(), Map.of("name", name.familiar()));
            boolean upToDate = before != null && before.manifestDigest().equals(chosen.digest());
            progress.line("Digest: " + top.digest());
            progress.line("Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ")
                    + name.familiar());
            done = true;
            return image;
        } finally {
            if (!done) {
                List<String> newLayers = new ArrayList<>(images.layers().list());
                newLayers.removeAll(layersBefore);
                images.discard(stored, newLayers);
            }
        }
    }

    /** Fetches the config and the layers the store lacks, {@code options.parallel()} at a time. */
    private void download(RegistryClient client, Manifest manifest, Set<Digest> stored) throws IOException {
        Map<Digest, Descriptor> missing = new LinkedHashMap<>();
        Map<Digest, String> ids = new LinkedHashMap<>();
        if (!blobs.has(manifest.config().digestValue())) {
            missing.put(manifest.config().digestValue(), manifest.config());
        }
        for (Descriptor layer : manifest.layers()) {
            Digest digest = layer.digestValue();
            String id = digest.shortHex();
            ids.put(digest, id);
            if (blobs.has(digest)) {
                progress.layer(id, "Already exists", -1, -1);
            } else if (missing.putIfAbsent(digest, layer) == null) {
                progress.layer(id, "Pulling fs layer", -1, -1);
            }
        }
        missing.keySet().stream().filter(ids::containsKey).forEach(d -> progress.layer(ids.get(d), "Waiting", -1, -1));
        List<Transfers.Task> tasks = new ArrayList<>();
        for (Descriptor blob : missing.values()) {
            Digest digest = blob.digestValue();
            tasks.add(() -> fetch(client, blob, ids.get(digest), stored));
        }
        Transfers.run(tasks, options.parallel());
    }

    // tag::fetch[]
    /** One blob, hashed on its way into the store: a blob that is not its digest never enters it. */
    private void fetch(RegistryClient client, Descriptor blob, String id, Set<Digest> stored)
            throws IOException {
        Digest digest = blob.digestValue();
        String what = "blob " + digest + " of " + client.endpoint().domain() + "/"
                + client.repository();
        Progress shown = id != null ? progress : Progress.silent();
        shown.layer(id, "Downloading", 0, blob.size());
        HttpResponse<InputStream> response = client.stream(client.uri("blobs/" + digest), what);
        try (InputStream in = new TransferStream(response.body(), blob.size(),
                n -> shown.layer(id, "Downloading", n, blob.size()),
                () -> shown.layer(id, "Verifying Checksum", -1, -1), what)) {
            blobs.put(in, digest);
        } catch (DigestMismatchException e) {
            throw new DigestMismatchException(what
                    + ": the bytes are not the digest the manifest names; refused, "
                    + "nothing stored", e.expected(), e.actual());
        }
        stored.add(digest);
        shown.layer(id, "Download complete", -1, -1);
    }
    // end::fetch[]

    /** Unpacks each layer, bottom first, checked against the config's diff IDs. */
    private void unpack(Manifest manifest) throws IOException {
        Digest configDigest = manifest.config().digestValue();
        ImageConfig config = ImageConfig.parse(blobs.read(configDigest), "config " + configDigest);
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new ImageException("image " + configDigest.shortHex() + ": the manifest lists "
                    + manifest.layers().size() + " layers, the config " + diffIds.size() + " diff IDs");
        }
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            String id = layer.digestValue().shortHex();
            boolean there = images.layers().exists(diffIds.get(i).toString());
            if (!there) {
                progress.layer(id, "Extracting", -1, -1);
            }
            LayerImport.ensure(images.root(), blobs, layer, diffIds.get(i));
            if (!there) {
                progress.layer(id, "Pull complete", -1, -1);
            }
        }
    }
}
