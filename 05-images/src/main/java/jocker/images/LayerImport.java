package jocker.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import jocker.engine.Scratch;
import jocker.unionfs.LayerStore;

/** A layer blob unpacked into chapter 4's layer store, checked against its diff ID. */
public final class LayerImport {

    private LayerImport() {
    }

    /**
     * Makes sure the layer whose uncompressed tar has digest {@code diffId}
     * is unpacked, from blob {@code layer}; returns {@code diffId}.
     */
    public static Digest ensure(Path root, BlobStore blobs, Descriptor layer, Digest diffId) throws IOException {
        LayerStore layers = new LayerStore(root);
        if (layers.exists(diffId.toString())) {
            return diffId;
        }
        Path tar = Files.createTempFile(Scratch.dir(root), "layer-", ".tar");
        try {
            MessageDigest sha = Digest.sha256();
            try (InputStream blob = new BufferedInputStream(blobs.open(layer.digestValue()), 1 << 16);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(tar), sha)) {
                blob.mark(4);
                int b0 = blob.read();
                int b1 = blob.read();
                blob.reset();
                InputStream plain = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(blob, 1 << 16) : blob;
                plain.transferTo(out);
            }
            Digest actual = Digest.of(sha);
            if (!actual.equals(diffId)) {
                throw new DigestMismatchException("layer " + layer.digest() + " unpacked", diffId, actual);
            }
            layers.importTar(tar);
            return diffId;
        } finally {
            Files.deleteIfExists(tar);
        }
    }
}
