package jocker.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jocker.images.Digest;
import jocker.images.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Images the tests push: an OCI image layout (image-spec, image-layout.md)
 * holding one image whose layer is Debian's static busybox as
 * {@code /bin/busybox} (and {@code /bin/sh} linked to it), which skopeo
 * reads as {@code oci:DIR:TAG}; and the blobs and manifests of small
 * images, to push by hand.
 */
public final class OciImages {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private OciImages() {
    }

    /** A blob: its bytes and digest. */
    public record Blob(byte[] bytes, Digest digest, String mediaType) {
        public static Blob of(byte[] bytes, String mediaType) {
            return new Blob(bytes, Digest.of(bytes), mediaType);
        }

        public Map<String, Object> descriptor() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", mediaType);
            d.put("digest", digest.toString());
            d.put("size", bytes.length);
            return d;
        }
    }

    /** An image: its layer, config and manifest (OCI types). */
    public record Image(Blob layer, Blob config, Blob manifest) {
    }

    /** A small image whose layer is a gzipped tar of one file holding {@code content}. */
    public static Image small(String content) throws IOException {
        Blob layer = Blob.of(gzipTar(Map.of("hello.txt", content.getBytes())), MediaTypes.OCI_LAYER_GZIP);
        return image(layer);
    }

    /** An image of Debian's busybox; skips the test when it is not installed. */
    public static Image busybox() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(BUSYBOX), "needs busybox-static (/bin/busybox)");
        return image(Blob.of(gzipTar(Map.of("bin/busybox", Files.readAllBytes(BUSYBOX))), MediaTypes.OCI_LAYER_GZIP));
    }

    private static Image image(Blob layer) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("/bin/busybox", "sh")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId(layer))));
        Blob configBlob = Blob.of(JSON.writeValueAsBytes(config), MediaTypes.OCI_CONFIG);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("config", configBlob.descriptor());
        manifest.put("layers", List.of(layer.descriptor()));
        return new Image(layer, configBlob, Blob.of(JSON.writeValueAsBytes(manifest), MediaTypes.OCI_MANIFEST));
    }

    /** Writes {@code image} as an OCI layout in {@code dir}, tagged {@code tag}. */
    public static Path layout(Path dir, Image image, String tag) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        for (Blob b : List.of(image.layer(), image.config(), image.manifest())) {
            Files.write(dir.resolve("blobs/sha256").resolve(b.digest().hex()), b.bytes());
        }
        Map<String, Object> entry = new LinkedHashMap<>(image.manifest().descriptor());
        entry.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", MediaTypes.OCI_INDEX, "manifests", List.of(entry))));
        return dir;
    }

    private static String diffId(Blob gzippedLayer) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzippedLayer.bytes()))) {
            return Digest.of(in.readAllBytes()).toString();
        }
    }

    public static byte[] gzipTar(Map<String, byte[]> files) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0755);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
