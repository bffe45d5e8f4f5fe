package jocker.unionfs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import jocker.engine.Scratch;
import jocker.images.Trees;

/**
 * Layers on disk, each named by its <em>diff ID</em>: the SHA-256 of its
 * uncompressed tar, as an OCI image config lists it ({@code sha256:…}).
 *
 * <pre>
 * &lt;root&gt;/layers/
 * ├── &lt;64 hex&gt;/
 * │   ├── diff/          the layer's files, overlayfs form: a lower directory
 * │   ├── layer.tar      the same layer as an OCI layer tar; its SHA-256 is the name
 * │                      (chapter 5: an imported layer has it only when its blob is a plain tar)
 * │   └── link           the layer's short name, such as MZ3XQ7K2PA
 * └── l/
 *     └── MZ3XQ7K2PA -&gt; ../&lt;64 hex&gt;/diff
 * </pre>
 *
 * The short names keep overlayfs's mount options within a page
 * ({@link OverlayMount}). A layer is made in the command's scratch directory
 * ({@link Scratch}, {@code <root>/tmp/}, on the same file system) and renamed
 * into place whole: a command killed midway leaves nothing in
 * {@code layers/}, and the next one deletes what it left in {@code tmp/}.
 */
public final class LayerStore {

    private static final Pattern DIFF_ID = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String SHORT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SHORT_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Path dir;

    public LayerStore(Path root) {
        this.root = root;
        this.dir = root.resolve("layers");
    }

    /** {@code <root>/layers}: the working directory of the overlay mount. */
    public Path dir() {
        return dir;
    }

    /** The layer's files: a lower directory of overlayfs. */
    public Path diff(String diffId) throws LayerException {
        return layerDir(diffId).resolve("diff");
    }

    /**
     * The layer as an OCI layer tar. A layer imported from a compressed blob
     * has none: the blob, in chapter 5's blob store, is its copy.
     */
    public Path tar(String diffId) throws LayerException {
        return layerDir(diffId).resolve("layer.tar");
    }

    public boolean exists(String diffId) throws LayerException {
        return Files.isDirectory(diff(diffId));
    }

    /** The layer's short name relative to {@link #dir()}, {@code l/XXXXXXXXXX}, made again if it was lost. */
    public String link(String diffId) throws IOException {
        if (!exists(diffId)) {
            throw new LayerException("layer " + diffId + " is not in " + dir);
        }
        String name = Files.readString(layerDir(diffId).resolve("link")).strip();
        Path link = dir.resolve("l").resolve(name);
        if (!Files.isSymbolicLink(link)) {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of("..", hex(diffId), "diff"));
        }
        return "l/" + name;
    }

    /**
     * Makes a layer of the files in {@code tree} (overlayfs form: an upper layer, or any plain
     * directory). One pass: each file is read once, into the tar and into the layer's
     * {@code diff/}, which is unpacked entry by entry as the tar is written, just as
     * {@link #importTar} would unpack that tar; only the digest, known at the end, names the layer.
     * The tar is hashed and written to disk on a second thread ({@link HashingWriter}).
     */
    public String create(Path tree) throws IOException {
        Path partial = newPartial();
        try {
            Path tar = partial.resolve("layer.tar");
            MessageDigest digest = sha256();
            try (OutputStream out = new HashingWriter(tar, digest)) { // on a thread of its own
                LayerTar.write(tree, out, partial.resolve("diff"));
            } catch (IOException e) {
                throw naming(partial, e);
            }
            return addUnpacked(partial, "sha256:" + HexFormat.of().formatHex(digest.digest()));
        } finally {
            Trees.delete(partial);
        }
    }

    /**
     * Adds the layer in {@code tar}, an OCI layer tar (uncompressed) that
     * stays the caller's; returns its diff ID. A layer already there is kept
     * as it is. A tar that cannot be unpacked safely leaves nothing behind.
     */
    public String importTar(Path tar) throws IOException {
        Files.createDirectories(dir);
        return add(tar, "sha256:" + sha256(tar));
    }

    /** Unpacks {@code tar} as layer {@code diffId}, keeping a copy of the tar beside it. */
    private String add(Path tar, String diffId) throws IOException {
        if (exists(diffId)) {
            return diffId;
        }
        Path partial = newPartial();
        try {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 20)) {
                LayerTar.unpack(in, partial.resolve("diff"));
            } catch (IOException e) {
                throw naming(partial, e);
            }
            Files.copy(tar, partial.resolve("layer.tar"));
            return addUnpacked(partial, diffId);
        } finally {
            Trees.delete(partial);
        }
    }

    /**
     * A new layer being made: a directory {@code partial-…} in the scratch
     * directory with an empty {@code diff/} to unpack into. The caller
     * either hands it to {@link #addUnpacked} or deletes it.
     */
    public Path newPartial() throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempDirectory(Scratch.dir(root), "partial-");
        Files.createDirectory(partial.resolve("diff"));
        return partial;
    }

    /**
     * Adds {@code partial} (from {@link #newPartial}, its {@code diff/}
     * filled, a {@code layer.tar} beside it or not) as layer {@code diffId},
     * with one rename(2): the layer is in the store whole or not at all. The
     * caller vouches that {@code diffId} is the digest of what it unpacked.
     * A layer already there is kept, and {@code partial} is left to the caller.
     */
    public String addUnpacked(Path partial, String diffId) throws IOException {
        if (exists(diffId)) {
            return diffId;
        }
        Files.writeString(partial.resolve("link"), shortName() + "\n");
        if (!Trees.moveIntoPlace(partial, layerDir(diffId))) {
            return diffId; // made at the same time by another jocker
        }
        link(diffId);
        return diffId;
    }

    /**
     * {@code e}, made to say where it happened: write(2) on a full disk says
     * only "No space left on device". Those that name their file stay.
     */
    private static IOException naming(Path where, IOException e) {
        if (e instanceof FileSystemException || e instanceof LayerException) {
            return e;
        }
        return new IOException("cannot write " + where + ": " + e.getMessage(), e);
    }

    private Path layerDir(String diffId) throws LayerException {
        return dir.resolve(hex(diffId));
    }

    private static String hex(String diffId) throws LayerException {
        if (!DIFF_ID.matcher(diffId).matches()) {
            throw new LayerException("'" + diffId + "' is not a layer diff ID (sha256: and 64 hex digits)");
        }
        return diffId.substring("sha256:".length());
    }

    private String shortName() {
        while (true) {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < SHORT_LENGTH; i++) {
                name.append(SHORT_ALPHABET.charAt(RANDOM.nextInt(SHORT_ALPHABET.length())));
            }
            if (!Files.exists(dir.resolve("l").resolve(name.toString()), LinkOption.NOFOLLOW_LINKS)) {
                return name.toString();
            }
        }
    }

    /** The diff IDs of every layer here. */
    public java.util.List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}"))
                    .map(n -> "sha256:" + n).sorted().toList();
        }
    }

    /**
     * Deletes layer {@code diffId} (chapter 5's garbage collection, when no
     * image and no container has it): renamed into scratch first, so that a
     * command killed midway leaves no half layer under its name.
     */
    public void delete(String diffId) throws IOException {
        Path layer = layerDir(diffId);
        if (!Files.isDirectory(layer)) {
            return;
        }
        Path link = dir.resolve("l").resolve(Files.readString(layer.resolve("link")).strip());
        Files.deleteIfExists(link);
        Path doomed = Files.createTempDirectory(Scratch.dir(root), "deleted-");
        Files.move(layer, doomed.resolve("layer"), StandardCopyOption.ATOMIC_MOVE);
        Trees.delete(doomed);
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file);
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
