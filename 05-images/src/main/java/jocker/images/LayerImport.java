package jocker.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import jocker.course.Exercise;
import jocker.unionfs.LayerStore;
import jocker.unionfs.LayerTar;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks a layer blob of the blob store into chapter 4's {@link LayerStore},
 * trusting nothing about it: not its media type (the compression comes from
 * its first bytes), not its size (the uncompressed bytes are counted against
 * a limit), not its names (chapter 4's {@code LayerTar} refuses those that
 * leave the layer) and not its content (the compressed bytes must have the
 * blob's digest, the uncompressed ones the config's diff ID). All in one pass:
 *
 * <pre>
 * blob file → SHA-256 check (BlobStore.open) → gunzip / unzstd → size limit ┐  a thread of its own
 *   ┌──────────────────────────────────────────────────────────────────────┘
 *   └→ SHA-256 (diff ID) → tar entries → files                               the calling thread
 * </pre>
 *
 * The layer is unpacked in the scratch directory and renamed into
 * {@code layers/} only when every check passed: a bad layer leaves nothing.
 *
 * <p>Chapter 4 keeps {@code layer.tar} beside each layer, because a
 * committed layer has no other copy of its tar. An imported one does: its
 * blob, which {@code save} and {@code push} hand out as it is. So no second
 * copy is kept; only when the blob is a plain tar, which is then the very
 * {@code layer.tar}, it is hard-linked there, at no cost in space.
 */
public final class LayerImport {

    /** The system property that sets the largest uncompressed layer, in bytes. */
    public static final String MAX_BYTES_PROPERTY = "jocker.maxLayerBytes";
    /** The environment variable that sets it, when the property does not. */
    public static final String MAX_BYTES_ENV = "JOCKER_MAX_LAYER_BYTES";
    /** 16 GiB: more than any real layer, less than a full disk. */
    public static final long DEFAULT_MAX_BYTES = 16L << 30;

    private static final int BUFFER = 1 << 16;
    private static final int TAR_BLOCK = 512;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private LayerImport() {
    }

    /**
     * Makes sure the layer {@code diffId} is unpacked in the layer store of
     * {@code root}, from blob {@code layer}, and returns {@code diffId}. A
     * layer already there is used as it is.
     */
    public static Digest ensure(Path root, BlobStore blobs, Descriptor layer, Digest diffId) throws IOException {
        return ensure(root, blobs, layer, diffId, maxBytes());
    }

    /** {@link #ensure(Path, BlobStore, Descriptor, Digest)} with a limit of {@code maxBytes} uncompressed. */
    static Digest ensure(Path root, BlobStore blobs, Descriptor layer, Digest diffId, long maxBytes)
            throws IOException {
        LayerStore store = new LayerStore(root);
        if (store.exists(diffId.toString())) {
            return diffId;
        }
        Digest blob = layer.digestValue();
        String what = "layer " + blob + " (diff ID " + diffId + ")";
        Path partial = store.newPartial();
        try {
            boolean plain = unpack(blobs.open(blob), partial.resolve("diff"), diffId, maxBytes, what);
            if (plain) {
                keepTar(blobs.path(blob), partial.resolve("layer.tar"));
            }
            store.addUnpacked(partial, diffId.toString());
            return diffId;
        } finally {
            Trees.delete(partial);
        }
    }

    /**
     * A plain tar blob is the layer's tar: hard-linked beside the layer, as
     * chapter 4 keeps it. A blob store on another file system (an OCI layout
     * being read where it lies) cannot be linked to, and the tar is not kept:
     * nothing needs it, a copy would only take space.
     */
    private static void keepTar(Path blob, Path tar) throws IOException {
        try {
            Files.createLink(tar, blob);
        } catch (FileSystemException otherFileSystem) {
            // EXDEV: see above
        }
    }

    /**
     * Unpacks the (compressed) layer tar {@code blob} into {@code dir} and
     * checks that its uncompressed bytes are {@code diffId}; closes
     * {@code blob}. Returns whether the blob was a plain tar.
     */
    static boolean unpack(InputStream blob, Path dir, Digest diffId, long maxBytes, String what)
            throws IOException {
        MessageDigest sha = Digest.sha256();
        boolean plain;
        try (InputStream buffered = new BufferedInputStream(blob, BUFFER)) {
            InputStream decompressed = decompress(buffered, what);
            plain = decompressed == buffered;
            InputStream uncompressed = new SizeLimitedInputStream(decompressed, maxBytes, what);
            try (ReadAheadInputStream ahead = new ReadAheadInputStream(uncompressed, "unpack " + what)) {
                // hashed on this side of the hand-over: the other thread has gunzip's work already
                InputStream hashed = new DigestInputStream(ahead, sha);
                LayerTar.unpack(hashed, dir);
                hashed.transferTo(OutputStream.nullOutputStream()); // the padding after the tar's end is hashed too
            }
            buffered.transferTo(OutputStream.nullOutputStream()); // to the blob's end, where its digest is checked
        }
        Digest actual = Digest.of(sha);
        if (!actual.equals(diffId)) {
            throw new DigestMismatchException(what + ": uncompressed, not the diff ID of the image's config",
                    diffId, actual);
        }
        return plain;
    }

    // tag::decompress[]
    /**
     * The uncompressed bytes of a layer blob, whatever its media type says:
     * gzip and zstd are recognised by their first bytes (their <em>magic
     * numbers</em>), a plain tar by the {@code ustar} magic of its first
     * header; anything else is refused with an {@link ImageException} that
     * names {@code what}. Returns {@code in} itself for a plain tar.
     * {@code in} must support mark and reset.
     */
    static InputStream decompress(InputStream in, String what) throws IOException {
        // Exercise 5.6: peek at the first bytes (mark, readNBytes, reset); gzip (GZIP_MAGIC)
        //   becomes a GZIPInputStream, zstd (ZSTD_MAGIC) a ZstdCompressorInputStream, a tar (isTar)
        //   is returned as it is; anything else: an ImageException naming what (describe says what
        //   it is).
        return Exercise.todo("5.6", "peek at the first bytes (mark, readNBytes, reset); gzip (GZIP_MAGIC) becomes a GZIPInputStream, zstd (ZSTD_MAGIC) a ZstdCompressorInputStream, a tar (isTar) is returned as it is; anything else: an ImageException naming what (describe says what it is).");
    }
    // end::decompress[]

    /**
     * Whether {@code head}, the first 512 bytes, is a tar header (its magic says
     * {@code ustar}, as POSIX, GNU and PAX tars all write), or the end of an
     * empty tar (zeros), or nothing at all (an empty layer).
     */
    static boolean isTar(byte[] head) {
        if (TarArchiveInputStream.matches(head, head.length)) {
            return true;
        }
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** What the first bytes of a blob that is no layer look like, for an error message. */
    static String describe(byte[] head) {
        if (startsWith(head, BZIP2_MAGIC)) {
            return "compressed with bzip2";
        }
        if (startsWith(head, XZ_MAGIC)) {
            return "compressed with xz";
        }
        StringBuilder hex = new StringBuilder("not a tar (it starts with bytes");
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(String.format(" %02x", head[i]));
        }
        return hex.append(')').toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The largest uncompressed layer: {@value #MAX_BYTES_PROPERTY}, else
     * {@value #MAX_BYTES_ENV}, else {@link #DEFAULT_MAX_BYTES}.
     */
    public static long maxBytes() {
        String value = System.getProperty(MAX_BYTES_PROPERTY);
        String source = "-D" + MAX_BYTES_PROPERTY;
        if (value == null) {
            value = System.getenv(MAX_BYTES_ENV);
            source = MAX_BYTES_ENV;
        }
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ImageException(source + "='" + value + "': want a number of bytes, greater than 0");
    }
}
