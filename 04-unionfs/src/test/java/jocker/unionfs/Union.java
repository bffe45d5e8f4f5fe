package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jocker.spec.Spec;
import jocker.runtime.Stdio;
import jocker.engine.ContainerState;
import jocker.engine.Engine;
import jocker.engine.CreateRequest;
import jocker.course.Await;
import jocker.course.HostCommand;
import jocker.course.TestRootfs;
import jocker.images.Images;

/**
 * Test support: an engine on a temporary state directory, the busybox image
 * in place, and ways to look at layers that do not go through the code under
 * test (the host's stat(1), raw xattr calls, layers made by hand).
 */
final class Union implements AutoCloseable {

    /** The tests' own xattr calls, so a check never relies on the student's {@link Whiteouts}. */
    interface Xattr extends Library {
        Xattr INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Xattr.class);

        int lsetxattr(String path, String name, byte[] value, long size, int flags);

        int lgetxattr(String path, String name, byte[] value, long size);
    }

    /** What a container printed and how it ended. */
    record Run(ContainerState state, int status, String out) {
    }

    final Path root;
    final Engine containers;
    final Images images;
    final LayerStore layers;

    Union(Path root) {
        this.root = root;
        TestRootfs.createImage(root);
        this.containers = new Engine(root);
        this.images = new Images(root);
        this.layers = images.layers();
    }

    /** Runs {@code script} in a new container of {@code image} to its end; the container is kept. */
    Run run(String image, String script) throws Exception {
        ContainerState s = containers.create(new CreateRequest(image, List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", false));
        Path out = root.resolve("out-" + s.id());
        int status = containers.runForeground(s.id(), new Stdio(Redirect.from(new File("/dev/null")),
                Redirect.to(out.toFile()), Redirect.to(out.toFile())));
        return new Run(s, status, Files.readString(out));
    }

    /** Starts {@code script} detached and waits until {@code ready} exists in its upper layer. */
    ContainerState detached(String image, String script, String ready) throws Exception {
        ContainerState s = containers.create(new CreateRequest(image, List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", false));
        containers.startDetached(s.id());
        Path written = upper(s).resolve(ready);
        Await.until(Duration.ofSeconds(20), () -> written + ", written by the detached container",
                () -> Files.exists(written));
        return s;
    }

    Path upper(ContainerState s) {
        return ContainerLayers.upper(containers.store(), s.id());
    }

    /** The directory of layer {@code index} (0: bottom) of {@code image}. */
    Path layer(String image, int index) throws IOException {
        return layers.diff(images.get(image).layers().get(index));
    }

    /** A layer made by hand in the store's layout, filled by {@code fill}; returns its (made-up) diff ID. */
    String handLayer(Filler fill) throws Exception {
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        Path dir = Files.createDirectories(layers.dir().resolve(hex).resolve("diff"));
        fill.fill(dir);
        String shortName = hex.substring(0, 10).toUpperCase();
        Files.writeString(layers.dir().resolve(hex).resolve("link"), shortName + "\n");
        Files.createDirectories(layers.dir().resolve("l"));
        Files.createSymbolicLink(layers.dir().resolve("l").resolve(shortName), Path.of("..", hex, "diff"));
        return "sha256:" + hex;
    }

    interface Filler {
        void fill(Path dir) throws Exception;
    }

    /** Records image {@code name:latest} of these layers, bottom first. */
    void image(String name, List<String> diffIds) throws IOException {
        images.save(new Images.Image(name, "latest", diffIds, Instant.now().toString(), "test"));
    }

    /** The host's stat(1) on a path: "character special file 0 0" for a whiteout. */
    static String stat(Path path) throws Exception {
        return HostCommand.run("stat", "-c", "%F %t %T", path.toString()).strip();
    }

    /** Makes a whiteout with the host's mknod(1). */
    static void mknodWhiteout(Path path) throws Exception {
        HostCommand.run("mknod", path.toString(), "c", "0", "0");
    }

    /** The value of an extended attribute, or null when it is not set. */
    static String xattr(Path path, String name) {
        byte[] value = new byte[64];
        int n = Xattr.INSTANCE.lgetxattr(path.toString(), name, value, value.length);
        return n < 0 ? null : new String(value, 0, n, StandardCharsets.UTF_8);
    }

    static void setOpaque(Path dir) {
        byte[] y = {'y'};
        assertThat(Xattr.INSTANCE.lsetxattr(dir.toString(), Whiteouts.OPAQUE_XATTR, y, 1, 0)).isZero();
    }

    /**
     * A digest of everything in a tree: names, types, modes, owners, times,
     * link targets, device numbers, contents. Equal digests: not one byte changed.
     */
    static String treeDigest(Path dir) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted().toList();
        }
        for (Path p : all) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            digest.update((dir.relativize(p) + " " + a.get("mode") + " " + a.get("uid") + " " + a.get("gid") + " "
                    + a.get("rdev") + " " + a.get("size") + " " + a.get("lastModifiedTime") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (Files.isSymbolicLink(p)) {
                digest.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(p)) {
                    digest.update(in.readAllBytes());
                }
            }
            digest.update(String.valueOf(xattr(p, Whiteouts.OPAQUE_XATTR)).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Removes every container, running or not: nothing of a test outlives it. */
    @Override
    public void close() throws Exception {
        for (ContainerState s : containers.store().list()) {
            containers.remove(s.id(), true);
        }
    }
}
