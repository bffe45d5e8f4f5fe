package jocker.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.Scratch;

/**
 * {@code jocker import}: a tar of a root file system (plain, gzip or zstd,
 * as {@code tar -C rootfs -c .} makes it) becomes a one-layer image, as
 * {@code docker import} makes one: a config with no command, and a history
 * entry that says where it came from.
 */
public final class ImageImport {

    private final LocalImages images;

    public ImageImport(LocalImages images) {
        this.images = images;
    }

    /** Imports the tar of {@code in}, called {@code source} ({@code -} for stdin); names it {@code tag} if not null. */
    public LocalImages.Image importTar(InputStream in, String source, Reference tag, String message)
            throws IOException {
        LocalImages.Image image = images.adding(() -> importAdding(in, source, tag, message));
        ImageEvents.record(images.root(), "import", image, tag != null ? tag.familiar() : image.id().toString());
        return image;
    }

    private LocalImages.Image importAdding(InputStream in, String source, Reference tag, String message)
            throws IOException {
        List<Digest> blobsBefore = images.blobs().list();
        List<String> layersBefore = images.layers().list();
        Path tar = Files.createTempFile(Scratch.dir(images.root()), "import-", ".tar");
        try {
            MessageDigest sha = Digest.sha256();
            try (InputStream plain = ArchiveMembers.decompressed(in);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(tar), sha)) {
                plain.transferTo(out);
            }
            Digest diffId = Digest.of(sha);
            long size = Files.size(tar);
            images.blobs().moveIn(tar, diffId); // hashed as written: the digest is of these very bytes
            String created = ImageJson.timestamp(Instant.now());
            ImageConfig config = new ImageConfig(created, null, "amd64", "linux", ImageConfig.Config.EMPTY,
                    new ImageConfig.RootFs("layers", List.of(diffId.toString())),
                    List.of(new ImageConfig.History(created, "", null,
                            message != null ? message : "Imported from " + source, false)));
            return images.add(config, List.of(new Descriptor(MediaTypes.OCI_LAYER, diffId, size)), tag);
        } catch (IOException | RuntimeException e) {
            List<Digest> newBlobs = new ArrayList<>(images.blobs().list());
            newBlobs.removeAll(blobsBefore);
            List<String> newLayers = new ArrayList<>(images.layers().list());
            newLayers.removeAll(layersBefore);
            images.discard(newBlobs, newLayers);
            throw e;
        } finally {
            Files.deleteIfExists(tar);
        }
    }
}
