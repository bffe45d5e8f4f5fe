package jocker.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jocker load}: the images of an archive into the store. It reads
 * what other tools write:
 *
 * <ul>
 * <li>{@code docker save} archives, by their {@code manifest.json}
 *     ({@code [{"Config":…,"RepoTags":[…],"Layers":[…]}]}): dockerd 20.10's,
 *     with {@code <hex>.json} configs and {@code <id>/layer.tar} layers, and
 *     docker 25's, whose names point into an OCI layout in the same tar;</li>
 * <li>OCI layouts, a directory or a tar of one (skopeo's {@code oci:} and
 *     {@code oci-archive:}, umoci's): {@code index.json} → a manifest (or an
 *     index, of which the host's manifest is taken) → config and layers.</li>
 * </ul>
 *
 * Every blob goes through {@link BlobStore#put(InputStream, Digest)} with
 * the digest its name or its descriptor promises, and each layer's
 * uncompressed digest is checked against the config's diff ID before the
 * image is recorded. A load that fails records nothing, and the blobs and
 * layers it stored meanwhile are deleted again (those no image needs).
 */
public final class ImageArchive {

    /** Docker's and containerd's annotation of an index entry with the image's full name. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";

    private static final int MAX_NESTING = 4;

    private final LocalImages images;
    private final BlobStore blobs;

    public ImageArchive(LocalImages images) {
        this.images = images;
        this.blobs = images.blobs();
    }

    /** One image of a {@code docker save} archive's {@code manifest.json}; paths are members of the archive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DockerEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                              @JsonProperty("Layers") List<String> layers) {

        public DockerEntry {
            repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
            layers = layers == null ? List.of() : List.copyOf(layers);
        }
    }

    /** A manifest whose blobs are all in the store now, and the names the archive gives it. */
    private record Found(Digest manifest, long size, String mediaType, List<Reference> names) {
    }

    /** Loads the archive or OCI layout directory at {@code path}; returns Docker's {@code Loaded image…} lines. */
    public List<String> load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (ArchiveMembers members = ArchiveMembers.directory(path)) {
                return load(members, path.toString());
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageException("open " + path + ": no such file");
        }
    }

    /** Loads the archive read from {@code in} (a tar, maybe gzip or zstd compressed), called {@code what}. */
    public List<String> load(InputStream in, String what) throws IOException {
        try (ArchiveMembers members = ArchiveMembers.spool(in, images.root(), what)) {
            return load(members, what);
        }
    }

    private List<String> load(ArchiveMembers members, String what) throws IOException {
        return images.adding(() -> loadAdding(members, what)); // no rmi collects its blobs before they are named
    }

    private List<String> loadAdding(ArchiveMembers members, String what) throws IOException {
        Set<String> layersBefore = new HashSet<>(images.layers().list());
        Loading loading = new Loading(members, what, blobs);
        try {
            List<Found> found = members.has("manifest.json") ? fromDockerManifest(loading)
                    : members.has("index.json") ? fromIndex(loading)
                    : List.of();
            if (found.isEmpty()) {
                throw new ImageException(what + ": neither a manifest.json (docker save) nor an index.json "
                        + "(OCI layout) names an image in it");
            }
            List<String> lines = new ArrayList<>();
            for (Found f : found) {
                if (f.names().isEmpty()) {
                    LocalImages.Image image = images.record(f.manifest(), f.size(), f.mediaType(), null, false);
                    lines.add("Loaded image ID: " + image.id());
                    ImageEvents.record(images.root(), "load", image, image.id().toString());
                }
                for (Reference name : f.names()) {
                    LocalImages.Image image = images.record(f.manifest(), f.size(), f.mediaType(), name, false);
                    lines.add("Loaded image: " + name.familiar());
                    ImageEvents.record(images.root(), "load", image, name.familiar());
                }
            }
            return lines;
        } finally {
            // what no recorded image needs (all of it, after a failure; a nested index after a success) goes again
            List<String> newLayers = new ArrayList<>(images.layers().list());
            newLayers.removeAll(layersBefore);
            images.discard(loading.stored, newLayers);
        }
    }

    // ------------------------------------------------------------------ docker save

    private List<Found> fromDockerManifest(Loading loading) throws IOException {
        byte[] json = Files.readAllBytes(loading.members.file("manifest.json", loading.what));
        DockerEntry[] entries = ImageJson.read(json, DockerEntry[].class, loading.what + ": manifest.json");
        List<Found> found = new ArrayList<>();
        for (DockerEntry entry : entries) {
            if (entry.config() == null) {
                throw new ImageException(loading.what + ": an entry of manifest.json names no Config");
            }
            Manifest manifest = toManifest(entry, loading);
            byte[] bytes = ImageJson.bytes(manifest);
            Digest digest = loading.put(bytes);
            List<Reference> names = new ArrayList<>();
            for (String tag : entry.repoTags()) {
                names.add(Reference.parse(tag));
            }
            found.add(new Found(digest, bytes.length, MediaTypes.OCI_MANIFEST, names));
        }
        return found;
    }

    // tag::docker-entry[]
    /**
     * The OCI manifest of one {@code manifest.json} entry, its config and
     * layers put in the store. A member named by its digest
     * ({@code <hex>.json}, {@code blobs/sha256/<hex>}) must have that digest;
     * a legacy {@code <id>/layer.tar} is checked later, against its diff ID.
     */
    static Manifest toManifest(DockerEntry entry, Loading loading) throws IOException {
        // begin exercise 5.10: put the Config member in the store (expected digest: digestNamed),
        //   check it lists as many diff IDs as the entry has Layers, put each layer the same way,
        //   and return Manifest.oci of their descriptors (a layer's media type from its first bytes).
        Path configFile = loading.members.file(entry.config(), loading.what + ": Config");
        Digest config = loading.put(configFile, digestNamed(entry.config()), entry.config());
        ImageConfig parsed = ImageConfig.parse(loading.blobs().read(config),
                loading.what + ": " + entry.config());
        if (parsed.diffIds().size() != entry.layers().size()) {
            throw new ImageException(loading.what + ": " + entry.config() + " lists "
                    + parsed.diffIds().size() + " diff IDs, manifest.json " + entry.layers().size()
                    + " layers");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (String name : entry.layers()) {
            Path file = loading.members.file(name, loading.what + ": layer");
            Digest layer = loading.put(file, digestNamed(name), name);
            layers.add(new Descriptor(ArchiveMembers.layerMediaType(file), layer, Files.size(file)));
        }
        long configSize = Files.size(configFile);
        return Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, config, configSize), layers);
        // end exercise 5.10
    }
    // end::docker-entry[]

    /** The digest a member's name promises: {@code <hex>.json} and {@code blobs/sha256/<hex>} do; null otherwise. */
    static Digest digestNamed(String member) {
        String name = ArchiveMembers.name(member, "archive");
        String hex = name.startsWith("blobs/sha256/") ? name.substring("blobs/sha256/".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - ".json".length())
                : null;
        return hex != null && Digest.isDigest(Digest.SHA256 + hex) ? new Digest(hex) : null;
    }

    // ------------------------------------------------------------------ OCI layout

    private List<Found> fromIndex(Loading loading) throws IOException {
        Path indexFile = loading.members.file("index.json", loading.what);
        ImageIndex index = ImageIndex.parse(Files.readAllBytes(indexFile), loading.what + ": index.json");
        List<Found> found = new ArrayList<>();
        for (Descriptor top : index.manifests()) {
            List<Reference> names = namesOf(top.annotations());
            Descriptor target = top;
            for (int depth = 0; ; depth++) {
                if (depth > MAX_NESTING) {
                    throw new ImageException(loading.what + ": indexes nested more than " + MAX_NESTING + " deep");
                }
                byte[] json = loading.json(target);
                if (isIndex(target, json)) {
                    target = ImageIndex.parse(json, "index " + target.digest()).forHost(
                            loading.what + ": index " + target.digest());
                    continue;
                }
                Manifest manifest = Manifest.parse(json, loading.what + ": manifest " + target.digest());
                loading.blob(manifest.config());
                for (Descriptor layer : manifest.layers()) {
                    loading.blob(layer);
                }
                found.add(new Found(target.digestValue(), json.length,
                        manifest.mediaType() != null ? manifest.mediaType() : MediaTypes.OCI_MANIFEST, names));
                break;
            }
        }
        return found;
    }

    /** Whether {@code json}, the blob of {@code d}, is an index: by its media type, else by its fields. */
    private static boolean isIndex(Descriptor d, byte[] json) {
        if (d.mediaType() != null && (MediaTypes.INDEXES.contains(d.mediaType())
                || MediaTypes.MANIFESTS.contains(d.mediaType()))) {
            return MediaTypes.INDEXES.contains(d.mediaType());
        }
        JsonNode node = ImageJson.read(json, JsonNode.class, "blob " + d.digest());
        return node.has("manifests");
    }

    /**
     * The names an index entry gives its image: containerd's and docker's
     * full name, else {@code org.opencontainers.image.ref.name} when it is a
     * whole reference. A bare tag ({@code latest}, as skopeo's
     * {@code oci:DIR:latest} writes) names no repository: the image is
     * loaded by ID.
     */
    static List<Reference> namesOf(Map<String, String> annotations) {
        if (annotations == null) {
            return List.of();
        }
        String name = annotations.get(CONTAINERD_NAME);
        String ref = annotations.get(LocalImages.REF_NAME);
        if (name == null && ref != null && (ref.contains("/") || ref.contains(":"))) {
            name = ref;
        }
        if (name == null) {
            return List.of();
        }
        Reference reference = Reference.parse(name);
        return reference.tag() != null ? List.of(reference) : List.of();
    }

    /** One load's work: the archive, and the blobs it added to the store (to delete again if it fails). */
    static final class Loading {

        final ArchiveMembers members;
        final String what;
        final Set<Digest> stored = new LinkedHashSet<>();
        private final BlobStore blobs;

        private Loading(ArchiveMembers members, String what, BlobStore blobs) {
            this.members = members;
            this.what = what;
            this.blobs = blobs;
        }

        BlobStore blobs() {
            return blobs;
        }

        /**
         * Puts member {@code file} in the store; with {@code expected}, bytes
         * with another digest are refused. A blob the store has is not copied again.
         */
        Digest put(Path file, Digest expected, String member) throws IOException {
            Digest digest = expected;
            if (digest == null) {
                try (InputStream in = Files.newInputStream(file)) {
                    java.security.MessageDigest sha = Digest.sha256();
                    in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
                    digest = Digest.of(sha);
                }
            }
            if (blobs.has(digest)) {
                return digest;
            }
            try {
                blobs.putFile(file, digest);
            } catch (DigestMismatchException e) {
                throw new DigestMismatchException(what + ": " + member + " is damaged or was changed",
                        e.expected(), e.actual());
            }
            stored.add(digest);
            return digest;
        }

        /** Puts bytes this load made (a manifest) in the store. */
        Digest put(byte[] bytes) throws IOException {
            Digest digest = Digest.of(bytes);
            if (!blobs.has(digest)) {
                blobs.put(bytes);
                stored.add(digest);
            }
            return digest;
        }

        /** Puts the blob {@code d} describes, {@code blobs/sha256/<hex>} of the layout, checked against {@code d}. */
        Digest blob(Descriptor d) throws IOException {
            Digest digest = d.digestValue();
            String name = "blobs/sha256/" + digest.hex();
            Path file = members.file(name, what);
            if (Files.size(file) != d.size()) {
                throw new ImageException(what + ": " + name + " has " + Files.size(file)
                        + " bytes, its descriptor says " + d.size());
            }
            return put(file, digest, name);
        }

        /** The JSON blob {@code d} describes, put in the store and read back from there: checked. */
        byte[] json(Descriptor d) throws IOException {
            return blobs.read(blob(d));
        }
    }
}
