package jocker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jocker.engine.ContainerStore;
import jocker.engine.Locks;
import jocker.spec.Spec;
import jocker.unionfs.ContainerLayers;
import jocker.unionfs.LayerStore;

/**
 * The images of a state directory: an OCI image layout, whose blobs are
 * checked against their digests, and whose {@code index.json} names the
 * images by reference.
 *
 * <pre>
 * &lt;root&gt;/oci/
 * ├── oci-layout                     {"imageLayoutVersion":"1.0.0"}
 * ├── index.json                     one manifest descriptor per name, annotated with it
 * ├── index.lock                     held while index.json is read, changed and replaced
 * └── blobs/sha256/&lt;hex&gt;            manifests, configs and layer tars, by digest
 * &lt;root&gt;/layers/&lt;hex&gt;/diff          each layer unpacked once (chapter 4's LayerStore), by diff ID
 * </pre>
 *
 * An image's ID is the digest of its config, as Docker shows it. An index
 * entry without a name is an untagged image: dangling ({@code <none>}) once
 * its tag moved away, or one step of a build, kept for the build cache.
 */
public final class LocalImages {

    /** The annotation of an index entry that holds the image's full reference. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The annotation of an image that is a step of a build ({@code jocker build}'s cache). */
    public static final String INTERMEDIATE = "dev.jocker.image.intermediate";
    /** The annotation that keeps the time an image was recorded here. */
    public static final String RECORDED = "dev.jocker.image.recorded";

    /** An image in the store, with every name that points to it. */
    public record Image(Digest id, Digest manifestDigest, Manifest manifest, ImageConfig config,
                        List<Reference> references, boolean intermediate) {

        /** The diff IDs of its layers, bottom first. */
        public List<Digest> diffIds() {
            return config.diffIds();
        }

        /** {@code busybox:latest}, or the short ID for an image with no name. */
        public String displayName() {
            return references.isEmpty() ? id.shortHex() : references.get(0).familiar();
        }
    }

    private final Path root;
    private final Path dir;
    private final BlobStore blobs;
    private final LayerStore layers;

    public LocalImages(Path root) {
        this.root = root;
        this.dir = root.resolve("oci");
        this.blobs = new BlobStore(root);
        this.layers = new LayerStore(root);
    }

    public Path root() {
        return root;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public LayerStore layers() {
        return layers;
    }

    /** Runs {@code body} with the index locked: every change of the index, and a container's choice of layers. */
    public <T> T locked(Locks.Locked<T> body) throws IOException {
        if (holding) {
            return body.run(); // a record lock is the process's, once: taken again it would fail
        }
        Files.createDirectories(dir);
        return Locks.holding(dir.resolve("index.lock"), () -> {
            holding = true;
            try {
                return body.run();
            } finally {
                holding = false;
            }
        });
    }

    /**
     * Runs {@code body}, which stores blobs or layers and then names them in
     * the index (a load, a build step, a commit), so that no garbage
     * collection deletes them in between: see {@link StoreLock}.
     */
    public <T> T adding(Locks.Locked<T> body) throws IOException {
        Files.createDirectories(dir);
        return StoreLock.of(dir.resolve("gc.lock")).shared(body);
    }

    /** Runs {@code body} alone among adders, holding the index lock too: {@code rmi} and {@code prune}. */
    private <T> T collecting(Locks.Locked<T> body) throws IOException {
        Files.createDirectories(dir);
        return StoreLock.of(dir.resolve("gc.lock")).exclusive(() -> locked(body));
    }

    /** Whether this object's thread holds the index lock now; one LocalImages serves one thread. */
    private boolean holding;

    // ---------------------------------------------------------------- reading

    /** The image {@code ref} names: a reference, an ID, a short ID or an ID prefix; the built-in busybox is made. */
    public Image resolve(String ref) throws IOException {
        Image image = find(ref);
        if (image == null && isBuiltIn(ref)) {
            image = builtIn();
        }
        if (image == null) {
            throw new ImageException("No such image: " + ref);
        }
        return image;
    }

    /** The image {@code ref} names, or null; an ambiguous ID prefix is an error. */
    public Image find(String ref) throws IOException {
        if (ref == null || ref.isBlank()) {
            throw new ImageException("invalid reference format: the image name is empty");
        }
        List<Entry> entries = entries();
        String hex = ref.startsWith(Digest.SHA256) ? ref.substring(Digest.SHA256.length()) : null;
        if (hex == null) {
            Reference reference = null;
            try {
                reference = Reference.parse(ref);
            } catch (ImageException notAName) {
                if (!ref.matches("[0-9a-f]{1,64}")) {
                    throw notAName;
                }
            }
            if (reference != null) {
                Image named = byReference(entries, reference);
                if (named != null) {
                    return named;
                }
            }
            hex = ref.matches("[0-9a-f]{1,64}") ? ref : null;
            if (hex == null) {
                return null;
            }
        }
        return byIdPrefix(entries, hex, ref);
    }

    private Image byReference(List<Entry> entries, Reference reference) throws IOException {
        for (Entry e : entries) {
            if (e.reference() == null) {
                continue;
            }
            if (reference.digest() == null && e.reference().toString().equals(reference.toString())) {
                return image(e.manifestDigest(), entries);
            }
            if (reference.digest() != null && e.reference().name().equals(reference.name())
                    && e.manifestDigest().toString().equals(reference.digest())) {
                return image(e.manifestDigest(), entries);
            }
        }
        return null;
    }

    private Image byIdPrefix(List<Entry> entries, String hex, String ref) throws IOException {
        Map<Digest, Digest> ids = new LinkedHashMap<>(); // image ID -> a manifest of it
        for (Entry e : entries) {
            Digest id = configOf(e.manifestDigest());
            if (id.hex().startsWith(hex)) {
                ids.putIfAbsent(id, e.manifestDigest());
            }
        }
        if (ids.size() > 1) {
            throw new ImageException("'" + ref + "' is ambiguous: it begins the IDs of " + ids.size()
                    + " images (" + String.join(", ", ids.keySet().stream().map(Digest::shortHex).toList())
                    + "); give more digits");
        }
        return ids.isEmpty() ? null : image(ids.values().iterator().next(), entries);
    }

    /** Every image, once each, with its names; build steps too when {@code all}. */
    public List<Image> list(boolean all) throws IOException {
        List<Entry> entries = entries();
        Map<Digest, Image> byId = new LinkedHashMap<>();
        for (Entry e : entries) {
            Digest id = configOf(e.manifestDigest());
            if (!byId.containsKey(id)) {
                Image image = image(e.manifestDigest(), entries);
                if (all || !image.intermediate() || !image.references().isEmpty()) {
                    byId.put(id, image);
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The image of manifest {@code manifestDigest}, with every name any manifest of the same config has. */
    private Image image(Digest manifestDigest, List<Entry> entries) throws IOException {
        Manifest manifest = manifest(manifestDigest);
        Digest id = manifest.config().digestValue();
        ImageConfig config = ImageConfig.parse(blobs.read(id), "config " + id);
        List<Reference> names = new ArrayList<>();
        boolean intermediate = false;
        for (Entry e : entries) {
            if (configOf(e.manifestDigest()).equals(id)) {
                if (e.reference() != null) {
                    names.add(e.reference());
                }
                intermediate |= e.intermediate();
            }
        }
        return new Image(id, manifestDigest, manifest, config, names, intermediate && names.isEmpty());
    }

    public Manifest manifest(Digest digest) throws IOException {
        return Manifest.parse(blobs.read(digest), "manifest " + digest);
    }

    private final Map<Digest, Digest> configs = new HashMap<>();

    private Digest configOf(Digest manifestDigest) throws IOException {
        Digest id = configs.get(manifestDigest);
        if (id == null) {
            id = manifest(manifestDigest).config().digestValue();
            configs.put(manifestDigest, id);
        }
        return id;
    }

    /** When the image was recorded here: for {@code images}' CREATED, the config's own time. */
    public static Instant created(Image image) {
        try {
            return image.config().created() != null ? Instant.parse(image.config().created()) : Instant.EPOCH;
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The bytes its layers take unpacked, as {@code docker images} counts SIZE. */
    public long size(Image image) throws IOException {
        long size = 0;
        for (Digest diffId : image.diffIds()) {
            size += layerSize(diffId);
        }
        return size;
    }

    /** The size of layer {@code diffId} uncompressed: its tar's, as {@code docker history} shows it. */
    public long layerSize(Digest diffId) throws IOException {
        Path tar = layers.tar(diffId.toString());
        if (Files.isRegularFile(tar)) {
            return Files.size(tar);
        } else if (blobs.has(diffId)) {
            return blobs.size(diffId);
        } else if (layers.exists(diffId.toString())) {
            return treeSize(layers.diff(diffId.toString()));
        }
        return 0;
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Makes an image of {@code config} over {@code layerBlobs} (in the blob
     * store already): each layer is unpacked, its diff ID checked against the
     * config's, then the config and an OCI manifest are stored and the image
     * is recorded, named {@code tag} when it is not null.
     */
    public Image add(ImageConfig config, List<Descriptor> layerBlobs, Reference tag) throws IOException {
        return add(config, layerBlobs, tag, false);
    }

    /** The same, for a step of a build: recorded without a name, and kept for the build cache. */
    public Image add(ImageConfig config, List<Descriptor> layerBlobs, Reference tag, boolean intermediate)
            throws IOException {
        return adding(() -> addAdding(config, layerBlobs, tag, intermediate));
    }

    private Image addAdding(ImageConfig config, List<Descriptor> layerBlobs, Reference tag, boolean intermediate)
            throws IOException {
        byte[] configBytes = ImageJson.bytes(config);
        Digest configDigest = blobs.put(configBytes);
        Manifest manifest = Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length),
                layerBlobs);
        byte[] manifestBytes = ImageJson.bytes(manifest);
        Digest manifestDigest = blobs.put(manifestBytes);
        return record(manifestDigest, manifestBytes.length, MediaTypes.OCI_MANIFEST, tag, intermediate);
    }

    /**
     * Records the image of manifest {@code manifestDigest}, whose manifest,
     * config and layer blobs are in the blob store (a load or a pull put them
     * there): its layers are unpacked and checked against the config's diff
     * IDs first, so an image in the index always runs.
     */
    public Image record(Digest manifestDigest, long size, String mediaType, Reference tag, boolean intermediate)
            throws IOException {
        return adding(() -> recordAdding(manifestDigest, size, mediaType, tag, intermediate));
    }

    private Image recordAdding(Digest manifestDigest, long size, String mediaType, Reference tag,
                               boolean intermediate) throws IOException {
        Manifest manifest = manifest(manifestDigest);
        Digest configDigest = manifest.config().digestValue();
        ImageConfig config = ImageConfig.parse(blobs.read(configDigest), "config " + configDigest);
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new ImageException("image " + configDigest.shortHex() + ": the manifest lists "
                    + manifest.layers().size() + " layers, the config " + diffIds.size() + " diff IDs");
        }
        for (int i = 0; i < diffIds.size(); i++) {
            LayerImport.ensure(root, blobs, manifest.layers().get(i), diffIds.get(i));
        }
        return locked(() -> {
            List<Entry> entries = new ArrayList<>(entries());
            if (tag != null) {
                for (Entry e : List.copyOf(entries)) {
                    if (tag.equals(e.reference())) { // the name moves: the image it leaves stays, unnamed
                        entries.remove(e);
                        entries.add(new Entry(e.manifestDigest(), e.size(), e.mediaType(), null, false, e.recorded()));
                    }
                }
            }
            boolean known = entries.stream().anyMatch(e -> e.manifestDigest().equals(manifestDigest)
                    && (tag == null || tag.equals(e.reference())) && e.intermediate() == intermediate);
            if (!known) {
                entries.add(new Entry(manifestDigest, size, mediaType, tag, intermediate, Instant.now().toString()));
            }
            writeEntries(dropDuplicateUnnamed(entries));
            configs.clear();
            List<Entry> now = entries();
            return image(manifestDigest, now);
        });
    }

    /** Names the image {@code source} names {@code target} too; a name that was another image's moves. */
    public Image tag(String source, String target) throws IOException {
        Reference reference = Reference.parse(target);
        if (reference.digest() != null) {
            throw new ImageException("refusing to create a tag with a digest reference: " + target);
        }
        Image image = resolve(source);
        Entry any = entries().stream().filter(e -> e.manifestDigest().equals(image.manifestDigest())).findFirst()
                .orElseThrow();
        Image tagged = record(image.manifestDigest(), any.size(), any.mediaType(), reference, false);
        ImageEvents.record(root, "tag", tagged, reference.familiar());
        return tagged;
    }

    // tag::remove[]
    /**
     * {@code rmi}: removes the name {@code ref}, and the image when that was
     * its last name; then deletes the blobs and layers no image needs. An
     * image a container uses is refused unless {@code force}, and then only
     * untagged: the container still runs on its layers. Returns Docker's lines,
     * {@code Untagged: …} and {@code Deleted: …}.
     */
    public List<String> remove(String ref, boolean force, Predicate<Digest> usedByContainer)
            throws IOException {
        List<String> lines = collecting(() -> {
            List<String> out = new ArrayList<>();
            Image image = find(ref);
            if (image == null) {
                throw new ImageException("No such image: " + ref);
            }
            List<Entry> entries = new ArrayList<>(entries());
            Reference named = namedBy(ref, image);
            boolean lastName = named == null || image.references().size() <= 1;
            if (named == null && image.references().size() > 1 && !force) {
                throw new ImageException("conflict: unable to delete " + image.id().shortHex()
                        + " (must be forced) - image is referenced in multiple repositories");
            }
            if (lastName && usedByContainer.test(image.id())) {
                if (!force) {
                    throw new ImageException("conflict: unable to remove repository reference \""
                            + ref + "\" (must force) - container is using its referenced image "
                            + image.id().shortHex());
                }
                if (named != null) {
                    entries.removeIf(e -> named.equals(e.reference()));
                    entries.add(new Entry(image.manifestDigest(), blobs.size(image.manifestDigest()),
                            MediaTypes.OCI_MANIFEST, null, false, Instant.now().toString()));
                    out.add("Untagged: " + named.familiar());
                    writeEntries(dropDuplicateUnnamed(entries));
                }
                return out;
            }
            if (named != null && !lastName) {
                entries.removeIf(e -> named.equals(e.reference()));
                out.add("Untagged: " + named.familiar());
                writeEntries(entries);
                return out;
            }
            for (Reference r : image.references()) {
                out.add("Untagged: " + r.familiar());
            }
            entries.removeIf(e -> {
                try {
                    return configOf(e.manifestDigest()).equals(image.id());
                } catch (IOException broken) {
                    return false;
                }
            });
            writeEntries(entries);
            out.add("Deleted: " + image.id());
            collectGarbage();
            return out;
        });
        for (String line : lines) { // each Untagged: and Deleted: is an event
            String[] what = line.split(": ", 2);
            String action = what[0].equals("Deleted") ? "delete" : "untag";
            ImageEvents.record(root, action, what[1], what[1]);
        }
        return lines;
    }
    // end::remove[]

    /**
     * Whether a container, running or not, was made from image {@code id}:
     * its {@code layers.json} names the image's ID. Such an image is kept by
     * {@code rmi} unless forced, and by {@code image prune}.
     */
    public boolean usedByContainer(Digest id) {
        try {
            ContainerStore containers = new ContainerStore(root);
            for (String container : containers.idsWith("layers.json")) {
                ContainerLayers used = ContainerLayers.read(containers, container);
                if (used != null && id.toString().equals(used.image())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The name among the image's that {@code ref} spells, or null when {@code ref} is an ID. */
    private static Reference namedBy(String ref, Image image) {
        try {
            Reference r = Reference.parse(ref);
            return image.references().contains(r) ? r : null;
        } catch (ImageException anId) {
            return null;
        }
    }

    /**
     * {@code image prune}: removes images without a name (and, with
     * {@code all}, every image) that no container uses. Returns the deleted IDs.
     */
    public List<String> prune(boolean all, Predicate<Digest> usedByContainer) throws IOException {
        return collecting(() -> {
            List<String> deleted = new ArrayList<>();
            List<Entry> entries = new ArrayList<>(entries());
            for (Image image : list(true)) {
                if ((all || image.references().isEmpty()) && !usedByContainer.test(image.id())) {
                    entries.removeIf(e -> {
                        try {
                            return configOf(e.manifestDigest()).equals(image.id());
                        } catch (IOException broken) {
                            return false;
                        }
                    });
                    deleted.add("Deleted: " + image.id());
                }
            }
            writeEntries(entries);
            collectGarbage();
            return deleted;
        });
    }

    /**
     * Deletes the blobs that no recorded manifest names, and the unpacked
     * layers that no image and no container has. Called with the index locked.
     */
    private void collectGarbage() throws IOException {
        discardUnneeded(blobs.list(), layers.list());
    }

    /**
     * Deletes those of {@code blobCandidates} and {@code layerCandidates}
     * that no recorded image and no container needs: what a load stored
     * before it failed, or a nested index it read on the way.
     */
    public void discard(Collection<Digest> blobCandidates, Collection<String> layerCandidates) throws IOException {
        locked(() -> {
            discardUnneeded(blobCandidates, layerCandidates);
            return null;
        });
    }

    private void discardUnneeded(Collection<Digest> blobCandidates, Collection<String> layerCandidates)
            throws IOException {
        Set<Digest> keepBlobs = new HashSet<>();
        Set<String> keepLayers = new HashSet<>();
        for (Entry e : entries()) {
            keepBlobs.add(e.manifestDigest());
            Manifest m = manifest(e.manifestDigest());
            keepBlobs.add(m.config().digestValue());
            m.layers().forEach(l -> keepBlobs.add(l.digestValue()));
            ImageConfig config = ImageConfig.parse(blobs.read(m.config().digestValue()), "config");
            config.diffIds().forEach(d -> keepLayers.add(d.toString()));
        }
        ContainerStore containers = new ContainerStore(root);
        for (String id : containers.idsWith("layers.json")) {
            ContainerLayers used = ContainerLayers.read(containers, id);
            if (used != null) {
                keepLayers.addAll(used.layers());
            }
        }
        for (Digest blob : blobCandidates) {
            if (!keepBlobs.contains(blob)) {
                blobs.delete(blob);
            }
        }
        for (String diffId : layerCandidates) {
            if (!keepLayers.contains(diffId)) {
                layers.delete(diffId);
            }
        }
        configs.clear();
    }

    // ---------------------------------------------------------------- the built-in image

    /** Whether {@code ref} names the built-in image, {@code busybox:latest}. */
    public static boolean isBuiltIn(String ref) {
        try {
            return Reference.parse(ref).toString().equals("docker.io/library/" + ImageStore.BUILT_IN + ":latest");
        } catch (ImageException e) {
            return false;
        }
    }

    /**
     * The built-in busybox, made an ordinary image the first time: one layer
     * of the host's busybox (chapter 1's tree), a config whose {@code Cmd} is
     * {@code sh}, as Docker Hub's busybox has.
     */
    public Image builtIn() throws IOException {
        return adding(this::builtInAdding);
    }

    private Image builtInAdding() throws IOException {
        Reference name = Reference.parse(ImageStore.BUILT_IN);
        Path rootfs = new ImageStore(root).rootfs(ImageStore.BUILT_IN);
        Descriptor layer = layerFromTree(rootfs);
        FileTime made = Files.getLastModifiedTime(rootfs.resolve("bin/busybox"), LinkOption.NOFOLLOW_LINKS);
        String created = ImageJson.timestamp(made.toInstant());
        ImageConfig config = new ImageConfig(created, null, "amd64", "linux",
                new ImageConfig.Config(null, null, Spec.DEFAULT_ENV.subList(0, 1), null, List.of("sh"), null, null,
                        null, null, null),
                new ImageConfig.RootFs("layers", List.of(layer.digest())),
                List.of(new ImageConfig.History(created, "jocker: the host's busybox, " + rootfs, null,
                        "built in", false)));
        return locked(() -> {
            Image there = find(name.toString());
            return there != null ? there : add(config, List.of(layer), name);
        });
    }

    /**
     * Makes a layer of the files in {@code tree} (chapter 4's
     * {@link LayerStore#create}) and stores its tar as a blob: an
     * uncompressed layer, whose digest is its diff ID. The blob is a hard
     * link to the layer's tar: the same bytes, stored once.
     */
    public Descriptor layerFromTree(Path tree) throws IOException {
        return adding(() -> layerFromTreeAdding(tree));
    }

    private Descriptor layerFromTreeAdding(Path tree) throws IOException {
        String diffId = layers.create(tree);
        Digest digest = Digest.parse(diffId);
        Path tar = layers.tar(diffId);
        if (!blobs.has(digest)) {
            Files.createDirectories(blobs.dir());
            try {
                Files.createLink(blobs.path(digest), tar);
            } catch (java.nio.file.FileAlreadyExistsException made) {
                // stored at the same time by another jocker
            }
        }
        return new Descriptor(MediaTypes.OCI_LAYER, digest, Files.size(tar));
    }

    // ---------------------------------------------------------------- the index

    /** One entry of {@code index.json}: a manifest, and the name it has, if any. */
    record Entry(Digest manifestDigest, long size, String mediaType, Reference reference, boolean intermediate,
                 String recorded) {
    }

    private List<Entry> entries() throws IOException {
        Path file = dir.resolve("index.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        ImageIndex index = ImageIndex.parse(Files.readAllBytes(file), file.toString());
        List<Entry> entries = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            Map<String, String> a = d.annotations() != null ? d.annotations() : Map.of();
            String name = a.get(REF_NAME);
            entries.add(new Entry(d.digestValue(), d.size(), d.mediaType(),
                    name != null ? Reference.parse(name) : null, "true".equals(a.get(INTERMEDIATE)),
                    a.get(RECORDED)));
        }
        return entries;
    }

    private void writeEntries(List<Entry> entries) throws IOException {
        Files.createDirectories(dir);
        Path layout = dir.resolve("oci-layout");
        if (!Files.exists(layout)) {
            Files.writeString(layout, "{\"imageLayoutVersion\":\"" + MediaTypes.OCI_LAYOUT_VERSION + "\"}");
        }
        List<Descriptor> manifests = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> annotations = new LinkedHashMap<>();
            if (e.reference() != null) {
                annotations.put(REF_NAME, e.reference().toString());
            }
            if (e.intermediate()) {
                annotations.put(INTERMEDIATE, "true");
            }
            if (e.recorded() != null) {
                annotations.put(RECORDED, e.recorded());
            }
            manifests.add(new Descriptor(e.mediaType() != null ? e.mediaType() : MediaTypes.OCI_MANIFEST,
                    e.manifestDigest().toString(), e.size(), null, annotations.isEmpty() ? null : annotations));
        }
        Path file = dir.resolve("index.json");
        Path tmp = Files.createTempFile(dir, ".index.json", ".tmp");
        try {
            Files.write(tmp, ImageJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(ImageIndex.oci(manifests)));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An unnamed entry of a manifest that also has a name, or a second unnamed one, is dropped. */
    private static List<Entry> dropDuplicateUnnamed(List<Entry> entries) {
        Set<Digest> named = new HashSet<>();
        entries.stream().filter(e -> e.reference() != null).forEach(e -> named.add(e.manifestDigest()));
        Set<Digest> seen = new HashSet<>();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (e.reference() == null && (named.contains(e.manifestDigest()) || !seen.add(e.manifestDigest()))) {
                continue;
            }
            kept.add(e);
        }
        return kept;
    }
}
