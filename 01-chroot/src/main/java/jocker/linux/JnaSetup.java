package jocker.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where JNA's native half, {@code libjnidispatch.so}, is loaded from.
 *
 * <p>By default JNA unpacks the library from its jar into a temporary file at
 * every start and deletes it when the JVM exits. A container's init JVM never
 * exits: it replaces itself with {@code execve}, so each container would
 * leave a file behind. Instead the parent unpacks it once into the state
 * directory and starts the init with {@code -Djna.nounpack=true
 * -Djna.boot.library.path=<that directory>}.
 *
 * <p>JNA also builds, once per JVM, a list of directories to search for a
 * library named without a path, and on Linux asks {@code /sbin/ldconfig -p}
 * for it: a child process in every JVM, the init's included. Jocker needs
 * no search: the C library is in every process already, and the others are
 * loaded by their sonames ({@code libseccomp.so.2}), which the dynamic linker
 * finds by itself. So the JVMs it starts (and the {@code ./jocker} and
 * {@code ./jockerd} launchers) set that list, {@link #NO_SEARCH_PATH}, empty.
 */
public final class JnaSetup {

    /** No directories for JNA to search, so none for it to ask ldconfig about. */
    public static final String NO_SEARCH_PATH = "-Djna.platform.library.path=";

    private JnaSetup() {
    }

    /** Unpacks libjnidispatch.so under {@code libRoot} if it is not there yet; returns its directory. */
    public static Path unpackDispatchLibrary(Path libRoot) {
        Path dir = libRoot.resolve("jna-" + Native.VERSION_NATIVE + "-" + Platform.RESOURCE_PREFIX);
        Path lib = dir.resolve("libjnidispatch.so");
        if (Files.isRegularFile(lib)) {
            return dir;
        }
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/libjnidispatch.so";
        try (InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JNA has no native library for " + Platform.RESOURCE_PREFIX);
            }
            Files.createDirectories(dir);
            // Write beside it, then rename: a concurrent start never loads half a file.
            Path tmp = Files.createTempFile(dir, "libjnidispatch", ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp); // a full disk leaves no half a library
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack JNA's native library into " + dir + ": " + e.getMessage(), e);
        }
    }
}
