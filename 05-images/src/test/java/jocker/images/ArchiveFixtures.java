package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.TestRootfs;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;

/**
 * What the archive tests build and look at: layer tars made with GNU tar,
 * archives written member by member in the order a test wants (the index
 * last, as {@code docker save} may write it), the store's blobs and layers.
 */
final class ArchiveFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFixtures() {
    }

    /** A member of an archive the test writes: bytes, or a symbolic link when {@code link} is not null. */
    record Member(String name, byte[] bytes, String link) {

        static Member file(String name, byte[] bytes) {
            return new Member(name, bytes, null);
        }

        static Member file(String name, Path file) throws IOException {
            return new Member(name, Files.readAllBytes(file), null);
        }

        static Member json(String name, Object value) throws IOException {
            return new Member(name, JSON.writeValueAsBytes(value), null);
        }

        static Member symlink(String name, String target) {
            return new Member(name, null, target);
        }
    }

    /** Writes {@code members}, in this order, as a tar. */
    static Path tar(Path file, List<Member> members) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Member m : members) {
                TarArchiveEntry e = m.link() != null ? new TarArchiveEntry(m.name(), TarConstants.LF_SYMLINK)
                        : new TarArchiveEntry(m.name(), true); // an absolute name stays one: a test may want it
                if (m.link() != null) {
                    e.setLinkName(m.link());
                } else {
                    e.setSize(m.bytes().length);
                }
                tar.putArchiveEntry(e);
                if (m.bytes() != null) {
                    tar.write(m.bytes());
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A layer tar, made by GNU tar, of a busybox rootfs with {@code /marker} holding {@code marker}. */
    static Path rootfsLayer(Path work, String marker) throws Exception {
        Path rootfs = TestRootfs.create(work.resolve("rootfs")).path();
        Files.writeString(rootfs.resolve("marker"), marker + "\n");
        Path tar = work.resolve("layer.tar");
        HostCommand.run("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    /** An image config over layers with these diff IDs, running {@code cmd}. */
    static Map<String, Object> config(List<String> diffIds, List<String> cmd) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2024-01-02T03:04:05Z");
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", cmd, "Env", List.of("PATH=/bin")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return config;
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    /** The blob files and unpacked layers in state directory {@code root}: what a failed load must not change. */
    static TreeSet<String> storeFiles(Path root) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        for (Path dir : List.of(root.resolve("oci/blobs/sha256"), root.resolve("layers"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.map(p -> root.relativize(p).toString()).filter(n -> n.matches(".*[0-9a-f]{64}"))
                            .forEach(files::add);
                }
            }
        }
        return files;
    }

    /** {@code jocker image inspect REF}'s first object; the command must succeed. */
    static JsonNode inspect(Path root, String ref) throws Exception {
        JockerCommand inspect = JockerCommand.run(root, "image", "inspect", ref);
        assertThat(inspect.status()).as(inspect.err()).isZero();
        return JSON.readTree(inspect.out()).get(0);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Runs the command; it must succeed. */
    static JockerCommand ok(Path root, String... args) throws Exception {
        JockerCommand c = JockerCommand.run(root, args);
        assertThat(c.status()).as("jocker " + String.join(" ", args) + ": " + c.err()).isZero();
        return c;
    }

    /** An image made in {@code root} by a container that wrote {@code /made}: its ID. */
    static String committedImage(Path root, String name, String content) throws Exception {
        ok(root, "run", "--name", "maker", "busybox", "sh", "-c", "echo " + content + " > /made");
        String id = ok(root, "commit", "maker", name).out().strip();
        ok(root, "rm", "maker");
        return id;
    }

    /** Skips the test, saying why, when {@code tool} is not installed. */
    static void assumeInstalled(String tool) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        Assumptions.assumeTrue(found, tool + " is not installed (apt-get install " + tool + "): interop test skipped");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
