package jocker.unionfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jocker.course.Exercise;
import jocker.linux.FreshThread;
import jocker.linux.Kernel;
import jocker.linux.Syscalls;

/**
 * One overlayfs mount: read-only lower layers, a writable upper layer, the
 * work directory overlayfs needs beside the upper one (same file system),
 * and the directory where the merged view appears.
 *
 * <p>The lower layers are named relative to {@code layersDir}, by the short
 * links {@link LayerStore} keeps there ({@code l/ABCDEF1234}): mount(2)
 * copies at most one page of options (4096 bytes), and 128 absolute layer
 * paths of some 90 bytes each would not fit.
 *
 * @param layersDir the directory the lower layers are relative to; the mount runs with it as working directory
 * @param lowers the lower layers, <em>bottom first</em> as an image lists them
 * @param upper the container's writable layer
 * @param work overlayfs's work directory, empty, on the upper layer's file system
 * @param merged where the union appears
 */
public record OverlayMount(Path layersDir, List<String> lowers, Path upper, Path work, Path merged) {

    /** The most bytes of options mount(2) passes to a file system: one page, its terminating NUL included. */
    public static final int MAX_OPTIONS = 4095;

    /**
     * Features that would make the upper layer harder to read back: with
     * {@code redirect_dir}, a renamed directory is recorded as an xattr
     * rather than copied; with {@code metacopy}, a chmod copies up only the
     * metadata. Off, every change is a plain file, directory or whiteout,
     * which {@link Changes} and {@link LayerTar} read.
     */
    static final String FEATURES = "redirect_dir=off,metacopy=off,index=off";

    public OverlayMount {
        lowers = List.copyOf(lowers);
        if (lowers.isEmpty()) {
            throw new IllegalArgumentException("an overlay mount needs at least one lower layer");
        }
    }

    // tag::options[]
    /** The options string for mount(2)'s data argument. */
    public String options() {
        // Exercise 4.3: "lowerdir=" the lower layers joined by ':', TOPMOST
        //   FIRST (overlayfs lists them top down, an image bottom up), then
        //   ",upperdir=" upper, ",workdir=" work, "," FEATURES.
        return Exercise.todo("4.3", "\"lowerdir=\" the lower layers joined by ':', TOPMOST FIRST (overlayfs lists them top down, an image bottom up), then \",upperdir=\" upper, \",workdir=\" work, \",\" FEATURES.");
    }
    // end::options[]

    // tag::mount[]
    /**
     * Mounts the union on {@code merged}. The lower layers' relative names
     * are resolved against the working directory at the time of the call, so
     * this changes into {@code layersDir} first, and back to {@code /} after.
     */
    public void mount() {
        String options = options();
        int length = options.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_OPTIONS) {
            throw new IllegalArgumentException("overlay mount options are " + length
                    + " bytes, more than the " + MAX_OPTIONS + " mount(2) passes on: "
                    + lowers.size() + " layers are too many");
        }
        // Exercise 4.4: change into layersDir (Syscalls.chdir), mount(2) a file
        //   system of type "overlay" (source "overlay", no flags) on merged with these
        //   options, then change back to "/" whatever happened.
        Exercise.todo("4.4", "change into layersDir (Syscalls.chdir), mount(2) a file system of type \"overlay\" (source \"overlay\", no flags) on merged with these options, then change back to \"/\" whatever happened.");
    }
    // end::mount[]

    /**
     * Mounts the union from a JVM whose other threads must keep their working
     * directory: {@link #mount()} in a fresh thread that first stops sharing
     * its root and working directory with the others ({@code unshare(CLONE_FS)}),
     * so its chdir moves it alone. The mount itself is in the process's mount
     * namespace, which all threads share.
     */
    public void mountFromEngine() throws IOException {
        FreshThread.call("jocker-overlay-mount", "mounting the layers", () -> {
            Kernel.unshare(Kernel.CLONE_FS);
            mount();
            return null;
        });
    }
}
