package jocker.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jocker's built-in image: a root filesystem made from one statically linked
 * {@code busybox} binary, which is a shell and some three hundred Unix tools
 * in one program. It looks at the name it was started under ({@code argv[0]})
 * to know which tool to be, so {@code /bin/ls} can be a link to it.
 *
 * <p>Chapter 5 replaces this with real images pulled from a registry.
 */
public final class BusyboxImage {

    /** Where Debian's busybox-static package installs it. */
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    private final Path busybox;

    public BusyboxImage(Path busybox) {
        this.busybox = busybox;
    }

    /** The image made from the host's {@code /bin/busybox}. */
    public static BusyboxImage fromHost() {
        return new BusyboxImage(HOST_BUSYBOX);
    }

    /** Checks that the busybox binary can run in an empty jail; says what to install if not. */
    public void check() throws IOException {
        if (!Files.isRegularFile(busybox)) {
            throw new ImageException("busybox not found at " + busybox
                    + ": install the Debian package busybox-static (apt-get install busybox-static)");
        }
        if (!Elf.isStaticExecutable(busybox)) {
            throw new ImageException(busybox + " is dynamically linked and cannot run without the host's libc:"
                    + " install the Debian package busybox-static (apt-get install busybox-static)");
        }
    }

    // tag::assemble[]
    /** Builds the root filesystem in {@code rootfs}, an empty or missing directory. */
    public void assemble(Path rootfs) throws IOException {
        check();
        List<String> applets = applets();
        // begin exercise 1.5: make the directories a Unix system expects, copy busybox to
        //   /bin/busybox (mode 755), make each applet path a symbolic link to "/bin/busybox"
        //   (as the container will see it), and write /etc/passwd, /etc/group, /etc/hostname.
        for (String dir : List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "home",
                "proc", "sys", "dev", "tmp", "var/tmp")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.setPosixFilePermissions(rootfs.resolve("tmp"),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        Path binary = rootfs.resolve("bin/busybox");
        Files.copy(busybox, binary);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets) {
            Path link = rootfs.resolve(applet);
            if (!link.equals(binary)) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of("/bin/busybox"));
            }
        }
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                nobody:x:65534:65534:nobody:/home:/bin/false
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:
                nogroup:x:65534:
                """);
        Files.writeString(rootfs.resolve("etc/hostname"), "jocker\n");
        // end exercise 1.5
    }
    // end::assemble[]

    /** The applets' paths relative to the root ({@code bin/sh}, {@code usr/bin/env}, …), from busybox itself. */
    public List<String> applets() throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list-full")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new ImageException(busybox + " --list-full failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
