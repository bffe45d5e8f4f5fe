package jocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A minimal busybox root filesystem for tests: the oracle's own rootfs.
 *
 * <p>It is built from the host's static busybox and from nothing the student
 * writes, so a test can trust it while it checks the student's jail:
 *
 * <pre>
 * dir/
 * ├── bin/busybox        a copy of the host's /bin/busybox
 * ├── bin/sh → busybox, usr/bin/env → ../../bin/busybox, ...   one link per applet
 * ├── etc/passwd         root and nobody
 * ├── etc/group          root and nogroup
 * ├── etc/hostname       jocker
 * ├── tmp/               mode 1777, like every /tmp
 * └── proc/ dev/ sys/ root/ home/ var/   empty, for the jail to mount on
 * </pre>
 *
 * <p>Busybox looks at argv[0], the link's name, to pick the applet.
 */
public final class TestRootfs {

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> DIRECTORIES =
            List.of("proc", "dev", "sys", "tmp", "root", "etc", "home", "var");

    private static List<String> applets;

    private final Path path;

    private TestRootfs(Path path) {
        this.path = path;
    }

    /**
     * Builds the rootfs in {@code dir} (created if needed; typically a {@code @TempDir}).
     * Aborts the calling test, which is then reported as skipped, when the host has no
     * {@code /bin/busybox}.
     */
    public static TestRootfs create(Path dir) {
        if (!Files.isExecutable(BUSYBOX)) {
            Assumptions.abort("requires /bin/busybox: install the Debian package busybox-static");
        }
        try {
            Files.createDirectories(dir.resolve("bin"));
            Path busybox = dir.resolve("bin/busybox");
            Files.copy(BUSYBOX, busybox, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String applet : applets()) {
                link(dir, applet);
            }
            for (String name : DIRECTORIES) {
                Files.createDirectories(dir.resolve(name));
            }
            // PosixFilePermission has no sticky bit; the JDK's "unix" view passes the
            // whole mode to chmod(2). Sticky: anyone may create in /tmp, only owners delete.
            Files.setAttribute(dir.resolve("tmp"), "unix:mode", 01777);
            write(dir.resolve("etc/passwd"),
                    "root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/home:/bin/false\n");
            write(dir.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            write(dir.resolve("etc/hostname"), "jocker\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the test rootfs in " + dir, e);
        }
        return new TestRootfs(dir);
    }

    /**
     * Builds the rootfs as the image {@code busybox} of a Jocker state
     * directory, {@code state/images/busybox/rootfs}, where the image store
     * looks for it: then the engine or the {@code jocker} command under test
     * need not build it themselves.
     */
    public static TestRootfs createImage(Path state) {
        return create(state.resolve("images/busybox/rootfs"));
    }

    /** The rootfs directory: what the jail's / will be. */
    public Path path() {
        return path;
    }

    private static void link(Path dir, String applet) throws IOException {
        if (applet.equals("bin/busybox")) {
            return;
        }
        Path link = dir.resolve(applet);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        // Relative ("busybox", "../../bin/busybox"): the link resolves inside the rootfs
        // from the host as from the jail, so it never points at the host's files, and
        // JUnit's @TempDir cleanup does not warn about links that leave the directory.
        Files.createSymbolicLink(link, link.getParent().relativize(dir.resolve("bin/busybox")));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * The applets of the host's busybox, asked once per JVM: a test class may
     * build many rootfs. Not a holder class, so a failure is reported again to
     * each caller rather than as NoClassDefFoundError.
     */
    private static synchronized List<String> applets() {
        if (applets == null) {
            applets = listFull();
        }
        return applets;
    }

    private static List<String> listFull() {
        try {
            return HostCommand.run(BUSYBOX.toString(), "--list-full").lines()
                    .map(String::strip)
                    // Relative paths only: a leading "/" or a ".." would escape the rootfs.
                    .filter(line -> !line.isEmpty() && !line.startsWith("/") && !line.contains(".."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BUSYBOX + " --list-full", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing busybox applets", e);
        }
    }
}
