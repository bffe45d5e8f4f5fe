package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import jocker.linux.FileTypes;
import jocker.linux.Kernel;
import jocker.linux.UnpackCalls;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: {@link LayerStore#create} makes a layer's {@code diff/} while it writes the tar,
 * each file read once, rather than unpacking the tar afterwards. What it makes must be what
 * unpacking that tar makes.
 */
@RequiresRoot("an upper layer holds whiteouts (character devices) and trusted.* attributes, and files of other owners")
@Timeout(60)
@DisplayName("A layer made in one pass")
class OnePassLayerTest {

    @TempDir
    Path state;

    @Test
    @DisplayName("its diff/ is what unpacking its tar makes: types, owners, modes, times, links, whiteouts, opaque dirs")
    void sameAsUnpackingItsTar() throws Exception {
        Path upper = upperLayer(state.resolve("upper"));

        LayerStore onePass = new LayerStore(state.resolve("one-pass"));
        String diffId = onePass.create(upper);
        LayerStore unpacked = new LayerStore(state.resolve("unpacked"));
        String again = unpacked.importTar(onePass.tar(diffId));

        assertThat(again).isEqualTo(diffId);
        List<String> made = describe(onePass.diff(diffId));
        assertThat(made).isEqualTo(describe(unpacked.diff(diffId)));
        // and it is the upper layer (times to the 100 ns a tar keeps), so that the comparison compares something
        assertThat(made).contains(
                "bin/ls chr 0,0 mode 0 uid 0 gid 0",
                "etc dir mode 755 uid 0 gid 0 time 1000000000.5 opaque y",
                "etc/hostname file mode 644 uid 0 gid 0 time 1000000000.5 size 4 sha 9d8f48db",
                "home/u/secret file mode 4750 uid 1000 gid 100 time 1700000000.1234567 size 2500000 sha "
                        + sha(bytes(2_500_000)).substring(0, 8) + " links 2 first home/u/secret",
                "home/u/z-same file mode 4750 uid 1000 gid 100 time 1700000000.1234567 size 2500000 sha "
                        + sha(bytes(2_500_000)).substring(0, 8) + " links 2 first home/u/secret",
                "home/u/empty file mode 600 uid 1000 gid 100 time 1000000000.5 size 0 sha e3b0c442",
                "home/u/fifo fifo mode 640 uid 1000 gid 100 time 1000000000.5",
                "link link -> ../etc/hostname uid 0 gid 0 time 1000000000.5");
        assertThat(Files.exists(onePass.tar(diffId))).isTrue();
        assertThat(leftovers(state.resolve("one-pass"))).isEmpty();
    }

    @Test
    @DisplayName("a file no layer can hold (a socket) fails it, and neither the layer nor a partial one is left")
    void socketRefused() throws Exception {
        Path upper = upperLayer(state.resolve("upper"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(upper.resolve("home/u/sock")));
            LayerStore store = new LayerStore(state.resolve("store"));

            assertThatThrownBy(() -> store.create(upper))
                    .isInstanceOf(LayerException.class).hasMessageContaining("home/u/sock");
            assertThat(store.list()).isEmpty();
            assertThat(leftovers(state.resolve("store"))).isEmpty();
        }
    }

    @Test
    @DisplayName("extended attributes go into the tar byte for byte, as GNU tar reads them, and into diff/; "
            + "overlayfs's own do not")
    void extendedAttributesKept() throws Exception {
        Path upper = upperLayer(state.resolve("upper"));
        // a file capability (cap_setuid and cap_net_raw, permitted and effective): a binary value with a 0x80
        byte[] capability = HexFormat.of().parseHex("0100000280200000000000000000000000000000");
        byte[] note = {'h', (byte) 0xc3, (byte) 0xa9, 0, (byte) 0xff, '\n'}; // UTF-8, a NUL, a byte no UTF-8 has
        Path ping = Files.write(upper.resolve("bin/ping"), bytes(1000));
        String longName = "home/u/" + "n".repeat(120); // a path record of Commons Compress's beside ours
        Files.writeString(upper.resolve(longName), "x");
        setXattr(ping, "security.capability", capability);
        setXattr(ping, "user.note", note);
        setXattr(upper.resolve(longName), "user.note", note);
        setXattr(upper.resolve("etc"), "user.dir", "d".getBytes()); // beside its opaque mark
        setXattr(upper.resolve("home"), "trusted.overlay.impure", "y".getBytes());
        touch(ping, FileTime.from(java.time.Instant.ofEpochSecond(1_000_000_000))); // nothing else asks for PAX

        LayerStore store = new LayerStore(state.resolve("store"));
        String diffId = store.create(upper);

        Map<String, String> expected = Map.of(
                "bin/ping", "security.capability=0x" + HexFormat.of().formatHex(capability)
                        + " user.note=0x" + HexFormat.of().formatHex(note),
                longName, "user.note=0x" + HexFormat.of().formatHex(note),
                "etc", "trusted.overlay.opaque=0x79 user.dir=0x64",
                "home", "");
        Path byGnuTar = Files.createDirectories(state.resolve("gnu-tar"));
        HostCommand.run("tar", "--xattrs", "--xattrs-include=*", "-xpf", store.tar(diffId).toString(),
                "-C", byGnuTar.toString());
        LayerStore again = new LayerStore(state.resolve("again"));
        Path reimported = again.diff(again.importTar(store.tar(diffId)));
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String name = file.getKey();
            assertThat(hexXattrs(store.diff(diffId).resolve(name))).as("diff/" + name).isEqualTo(file.getValue());
            assertThat(hexXattrs(reimported.resolve(name))).as("imported " + name).isEqualTo(file.getValue());
            assertThat(hexXattrs(byGnuTar.resolve(name))).as("GNU tar's " + name)
                    .isEqualTo(file.getValue().replace("trusted.overlay.opaque=0x79", "").strip());
        }
    }

    @Test
    @DisplayName("an extended attribute with '=' in its name (which a PAX record cannot hold) fails it, naming the "
            + "file and the attribute, and nothing is left")
    void equalsInAttributeNameRefused() throws Exception {
        Path upper = upperLayer(state.resolve("upper"));
        setXattr(upper.resolve("etc/hostname"), "user.a=security.capability", new byte[] {1});
        LayerStore store = new LayerStore(state.resolve("store"));

        assertThatThrownBy(() -> store.create(upper))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("etc/hostname").hasMessageContaining("'user.a=security.capability'");
        assertThat(store.list()).isEmpty();
        assertThat(leftovers(state.resolve("store"))).isEmpty();
    }

    private static void setXattr(Path file, String name, byte[] value) {
        assertThat(Union.Xattr.INSTANCE.lsetxattr(file.toString(), name, value, value.length, 0))
                .as("lsetxattr " + name + " on " + file).isZero();
    }

    /** A file's extended attributes as getfattr(1) shows them, {@code name=0xHEX}, sorted, space between. */
    private static String hexXattrs(Path file) throws IOException, InterruptedException {
        String dump = HostCommand.run("getfattr", "--absolute-names", "-h", "-d", "-m", "-", "-e", "hex",
                file.toString());
        return dump.lines().filter(l -> l.contains("=")).sorted().reduce((a, b) -> a + " " + b).orElse("");
    }

    /** An upper layer as overlayfs leaves one: files of two owners, a hard link, a whiteout, an opaque dir. */
    private static Path upperLayer(Path upper) throws IOException {
        FileTime old = FileTime.from(java.time.Instant.ofEpochSecond(1_000_000_000, 500_000_000));
        Files.createDirectories(upper.resolve("bin"));
        Whiteouts.make(upper.resolve("bin/ls"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hostname"), "box\n");
        Whiteouts.makeOpaque(upper.resolve("etc"));
        Path home = Files.createDirectories(upper.resolve("home/u"));
        Path secret = Files.write(home.resolve("secret"), bytes(2_500_000)); // three reads of a megabyte
        Files.createLink(home.resolve("z-same"), secret);
        Files.createFile(home.resolve("empty"));
        Kernel.mknod(home.resolve("fifo").toString(), FileTypes.S_IFIFO | 0640, 0, 0);
        Files.createSymbolicLink(upper.resolve("link"), Path.of("../etc/hostname"));
        for (String owned : List.of("home/u/secret", "home/u/empty", "home/u/fifo", "home/u", "home")) {
            UnpackCalls.lchown(upper.resolve(owned).toString(), 1000, 100);
        }
        UnpackCalls.chmod(secret.toString(), 04750); // after chown, which clears set-user-ID
        UnpackCalls.chmod(home.resolve("empty").toString(), 0600);
        Files.setLastModifiedTime(secret, FileTime.from(java.time.Instant.ofEpochSecond(1_700_000_000, 123_456_789)));
        try (Stream<Path> all = Files.walk(upper)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(secret) && !p.equals(home.resolve("z-same"))) {
                    touch(p, old);
                }
            }
        }
        return upper;
    }

    private static void touch(Path p, FileTime time) {
        java.time.Instant t = time.toInstant();
        UnpackCalls.utimensat(-100, p.toString(), new long[] {0, (1L << 30) - 2, t.getEpochSecond(), t.getNano()},
                0x100);
    }

    /** One line a file: what the kernel says of it, with the first name of each inode's other names. */
    private static List<String> describe(Path tree) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<Object, String> firstName = new HashMap<>();
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.sorted().toList()) {
                if (p.equals(tree)) {
                    continue;
                }
                String name = tree.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                int type = mode & FileTypes.S_IFMT;
                String time = " time " + time((FileTime) a.get("lastModifiedTime"));
                String owner = " uid " + a.get("uid") + " gid " + a.get("gid");
                String perms = " mode " + Integer.toOctalString(mode & 07777);
                StringBuilder line = new StringBuilder(name);
                if (type == FileTypes.S_IFDIR) {
                    line.append(" dir").append(perms).append(owner).append(time);
                    if (Whiteouts.isOpaque(p)) {
                        line.append(" opaque y");
                    }
                } else if (type == FileTypes.S_IFLNK) {
                    line.append(" link -> ").append(Files.readSymbolicLink(p)).append(owner).append(time);
                } else if (type == FileTypes.S_IFCHR) {
                    long rdev = (Long) a.get("rdev");
                    line.append(" chr ").append(Kernel.major(rdev)).append(',').append(Kernel.minor(rdev))
                            .append(perms).append(owner); // a whiteout's time is when the unpack made it
                } else if (type == FileTypes.S_IFIFO) {
                    line.append(" fifo").append(perms).append(owner).append(time);
                } else {
                    byte[] content = Files.readAllBytes(p);
                    line.append(" file").append(perms).append(owner).append(time).append(" size ")
                            .append(content.length).append(" sha ").append(sha(content), 0, 8);
                    int links = (Integer) a.get("nlink");
                    if (links > 1) {
                        line.append(" links ").append(links).append(" first ")
                                .append(firstName.computeIfAbsent(a.get("ino"), k -> name));
                    }
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static String time(FileTime t) {
        java.time.Instant i = t.toInstant();
        String nanos = String.format("%09d", i.getNano()).replaceAll("0+$", "");
        return i.getEpochSecond() + (nanos.isEmpty() ? "" : "." + nanos);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 7);
        }
        return b;
    }

    private static String sha(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a layer store has besides its layers and short names: a partial layer, a tar; its scratch. */
    private static List<String> leftovers(Path root) throws IOException {
        List<String> left = new ArrayList<>();
        for (String sub : List.of("layers", "tmp")) {
            Path dir = root.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString())
                            .filter(n -> !n.matches("[0-9a-f]{64}(/.*)?|l(/.*)?"))
                            .filter(n -> !(sub.equals("tmp") && Files.isDirectory(dir.resolve(n))))
                            .forEach(n -> left.add(sub + "/" + n));
                }
            }
        }
        return left;
    }
}
