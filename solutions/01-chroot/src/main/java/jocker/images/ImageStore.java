package jocker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Images in the state directory. In chapter 1 an image is just a root
 * filesystem in a directory; chapter 5 makes it layers, a config and a
 * manifest. The layout:
 *
 * <pre>
 * &lt;root&gt;                      /var/lib/jocker, or --root, or $JOCKER_ROOT
 * ├── images/
 * │   └── busybox/
 * │       └── rootfs/          the image's files, never changed by a container
 * ├── containers/
 * │   └── &lt;id&gt;/
 * │       └── rootfs/          a container's own copy, removed when it ends
 * └── lib/                     JNA's native library, for the init (jocker.linux.JnaSetup)
 * </pre>
 */
public final class ImageStore {

    /** The image that is always there: made from the host's busybox on first use. */
    public static final String BUILT_IN = "busybox";

    private final Path root;

    public ImageStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The root filesystem of {@code image}, made first if it is the built-in one. */
    public Path rootfs(String image) throws IOException {
        String name = image.endsWith(":latest") ? image.substring(0, image.length() - ":latest".length()) : image;
        Path rootfs = root.resolve("images").resolve(name).resolve("rootfs");
        if (Files.isDirectory(rootfs)) {
            return rootfs;
        }
        if (!name.equals(BUILT_IN)) {
            throw new ImageException("image '" + image + "' not found: the only image before chapter 5 is the built-in '"
                    + BUILT_IN + "'");
        }
        // Assemble beside the final place, then rename: a failed or concurrent
        // build never leaves a half-made image where a container would use it.
        Files.createDirectories(rootfs.getParent());
        Path partial = Files.createTempDirectory(rootfs.getParent(), "rootfs.partial-");
        try {
            BusyboxImage.fromHost().assemble(partial);
            Trees.moveIntoPlace(partial, rootfs); // false: another jocker made it at the same time; use theirs
        } finally {
            Trees.delete(partial);
        }
        return rootfs;
    }

    /** A new directory for a container's files, {@code containers/<id>}. */
    public Path containerDir(String id) throws IOException {
        return Files.createDirectories(root.resolve("containers").resolve(id));
    }
}
