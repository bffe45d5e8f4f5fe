package jocker.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jocker.engine.Scratch;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * {@code jocker save}: images as a {@code docker save} archive that dockerd
 * 20.10, docker 25 and skopeo all read:
 *
 * <pre>
 * manifest.json            [{"Config":"&lt;id hex&gt;.json","RepoTags":["busybox:latest"],
 *                           "Layers":["&lt;v1&gt;/layer.tar"]}]
 * repositories             {"busybox":{"latest":"&lt;top v1&gt;"}}, for the oldest readers
 * &lt;id hex&gt;.json            the config, the very bytes whose digest is the image ID
 * &lt;v1&gt;/layer.tar            each layer uncompressed: its digest is its diff ID
 * &lt;v1&gt;/json, &lt;v1&gt;/VERSION   the legacy layer record
 * oci-layout, index.json   the same images as an OCI layout, as docker 25 writes it ...
 * blobs/sha256/&lt;hex&gt;       ... whose manifests are files, configs and layers links to the files above
 * </pre>
 *
 * A layer is its uncompressed tar, so the layer digests every reader
 * computes are the diff IDs of the config, and a manifest a reader makes of
 * the archive (skopeo does) names the same digests the store's does. The
 * legacy layer IDs ({@code <v1>}) are the chain IDs: a layer shared by two
 * images is written once. Names are sorted and every time is 1970's, so
 * saving the same images twice writes the same bytes.
 */
public final class ImageSave {

    private final LocalImages images;

    public ImageSave(LocalImages images) {
        this.images = images;
    }

    /** A member of the archive being written. */
    private sealed interface Member {
    }

    private record Bytes(byte[] bytes) implements Member {
    }

    /** A layer tar, whose digest must be {@code diffId}. */
    private record LayerFile(Path file, Digest diffId) implements Member {
    }

    private record Link(String target) implements Member {
    }

    private record Dir() implements Member {
    }

    /** An image to save and the names it is saved under. */
    private record Saved(LocalImages.Image image, List<Reference> names) {
    }

    /** Writes the images {@code refs} name to {@code out}, as a docker save archive. */
    public void save(List<String> refs, OutputStream out) throws IOException {
        Map<Digest, Saved> saved = new LinkedHashMap<>();
        for (String ref : refs) {
            LocalImages.Image image = images.resolve(ref);
            Saved s = saved.computeIfAbsent(image.id(), id -> new Saved(image, new ArrayList<>()));
            Reference name = nameIn(ref, image);
            if (name != null && !s.names().contains(name)) {
                s.names().add(name);
            }
        }
        List<Path> scratch = new ArrayList<>();
        try {
            write(members(saved.values(), scratch), out);
            for (Saved s : saved.values()) {
                ImageEvents.record(images.root(), "save", s.image(), s.image().displayName());
            }
        } finally {
            for (Path file : scratch) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The name {@code ref} gives {@code image}, or null when it is an ID (saved without a name, as Docker does). */
    private static Reference nameIn(String ref, LocalImages.Image image) {
        try {
            Reference r = Reference.parse(ref);
            return image.references().contains(r) ? r : null;
        } catch (ImageException anId) {
            return null;
        }
    }

    private TreeMap<String, Member> members(Iterable<Saved> saved, List<Path> scratch) throws IOException {
        TreeMap<String, Member> members = new TreeMap<>();
        List<Map<String, Object>> manifestJson = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        List<Descriptor> index = new ArrayList<>();
        members.put("blobs/", new Dir());
        members.put("blobs/sha256/", new Dir());
        for (Saved s : saved) {
            LocalImages.Image image = s.image();
            String configName = image.id().hex() + ".json";
            byte[] config = images.blobs().read(image.id());
            members.put(configName, new Bytes(config));
            members.put("blobs/sha256/" + image.id().hex(), new Link("../../" + configName));
            List<Digest> chain = ChainIds.of(image.diffIds());
            List<String> layerNames = new ArrayList<>();
            List<Descriptor> layerDescriptors = new ArrayList<>();
            String parent = null;
            for (int i = 0; i < chain.size(); i++) {
                String v1 = chain.get(i).hex();
                Digest diffId = image.diffIds().get(i);
                Path tar = layerTar(image, i, scratch);
                members.put(v1 + "/", new Dir());
                members.put(v1 + "/VERSION", new Bytes("1.0".getBytes(StandardCharsets.US_ASCII)));
                Map<String, Object> legacy = new LinkedHashMap<>();
                legacy.put("id", v1);
                if (parent != null) {
                    legacy.put("parent", parent);
                }
                legacy.put("created", "1970-01-01T00:00:00Z");
                members.put(v1 + "/json", new Bytes(ImageJson.bytes(legacy)));
                members.put(v1 + "/layer.tar", new LayerFile(tar, diffId));
                members.put("blobs/sha256/" + diffId.hex(), new Link("../../" + v1 + "/layer.tar"));
                layerNames.add(v1 + "/layer.tar");
                layerDescriptors.add(new Descriptor(MediaTypes.OCI_LAYER, diffId, Files.size(tar)));
                parent = v1;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Config", configName);
            entry.put("RepoTags", s.names().isEmpty() ? null : s.names().stream().map(Reference::familiar).toList());
            entry.put("Layers", layerNames);
            manifestJson.add(entry);

            byte[] manifest = ImageJson.bytes(Manifest.oci(
                    new Descriptor(MediaTypes.OCI_CONFIG, image.id(), config.length), layerDescriptors));
            Digest manifestDigest = Digest.of(manifest);
            members.put("blobs/sha256/" + manifestDigest.hex(), new Bytes(manifest));
            Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length);
            if (s.names().isEmpty()) {
                index.add(d);
            }
            for (Reference name : s.names()) {
                Map<String, String> annotations = new TreeMap<>();
                annotations.put(ImageArchive.CONTAINERD_NAME, name.toString());
                annotations.put(LocalImages.REF_NAME, name.tag());
                index.add(d.withAnnotations(annotations));
                if (parent != null) {
                    repositories.computeIfAbsent(name.familiarName(), k -> new TreeMap<>()).put(name.tag(), parent);
                }
            }
        }
        members.put("manifest.json", new Bytes(ImageJson.bytes(manifestJson)));
        members.put("repositories", new Bytes(ImageJson.bytes(repositories)));
        members.put("oci-layout", new Bytes(("{\"imageLayoutVersion\":\"" + MediaTypes.OCI_LAYOUT_VERSION + "\"}")
                .getBytes(StandardCharsets.US_ASCII)));
        members.put("index.json", new Bytes(ImageJson.bytes(ImageIndex.oci(index))));
        return members;
    }

    /**
     * Layer {@code i} of {@code image} uncompressed: the layer store's tar,
     * or else its blob decompressed into scratch and checked against the
     * diff ID (a layer loaded compressed).
     */
    private Path layerTar(LocalImages.Image image, int i, List<Path> scratch) throws IOException {
        Digest diffId = image.diffIds().get(i);
        Path tar = images.layers().tar(diffId.toString());
        if (Files.isRegularFile(tar)) {
            return tar;
        }
        Descriptor blob = image.manifest().layers().get(i);
        Path copy = Files.createTempFile(Scratch.dir(images.root()), "save-", ".tar");
        scratch.add(copy);
        MessageDigest sha = Digest.sha256();
        try (InputStream in = ArchiveMembers.decompressed(images.blobs().open(blob.digestValue()));
                OutputStream out = new DigestOutputStream(Files.newOutputStream(copy), sha)) {
            in.transferTo(out);
        }
        Digest actual = Digest.of(sha);
        if (!actual.equals(diffId)) {
            throw new DigestMismatchException("layer " + blob.digest() + " uncompressed", diffId, actual);
        }
        return copy;
    }

    private static void write(TreeMap<String, Member> members, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, Member> m : members.entrySet()) {
            String name = m.getKey();
            TarArchiveEntry entry;
            if (m.getValue() instanceof Link link) {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(link.target());
                entry.setMode(0120777);
            } else {
                entry = new TarArchiveEntry(name);
                entry.setMode(m.getValue() instanceof Dir ? 040755 : 0100644);
            }
            entry.setModTime(0);
            entry.setIds(0, 0);
            entry.setNames("", "");
            if (m.getValue() instanceof Bytes bytes) {
                entry.setSize(bytes.bytes().length);
                tar.putArchiveEntry(entry);
                tar.write(bytes.bytes());
            } else if (m.getValue() instanceof LayerFile layer) {
                entry.setSize(Files.size(layer.file()));
                tar.putArchiveEntry(entry);
                copyChecked(layer, tar);
            } else {
                tar.putArchiveEntry(entry);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** Copies a layer tar, checking on the way that it still is the layer its diff ID names. */
    private static void copyChecked(LayerFile layer, OutputStream out) throws IOException {
        MessageDigest sha = Digest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(layer.file()), sha)) {
            in.transferTo(out);
        }
        Digest actual = Digest.of(sha);
        if (!actual.equals(layer.diffId())) {
            throw new DigestMismatchException("layer " + layer.file(), layer.diffId(), actual);
        }
    }
}
