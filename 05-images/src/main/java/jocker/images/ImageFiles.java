package jocker.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import jocker.unionfs.LowerView;

/**
 * Reads a file of an image as a container of it would see it, without
 * mounting anything: through chapter 4's {@link LowerView} of its layers,
 * topmost version first, whiteouts hiding what is below.
 *
 * <p>The image is not trusted. Its {@code /etc/passwd} may be a symbolic
 * link to {@code /etc/shadow}, to {@code ../../../../etc/shadow} or through
 * a linked directory; read from the host with the JDK's path resolution,
 * such a link would lead to the host's files. Here every link is resolved
 * by hand, one name at a time, inside the image's root, as the kernel
 * resolves it for a process whose root is the container's
 * (path_resolution(7)): an absolute target starts again at the image's
 * root, {@code ..} at the root stays there. More than
 * {@value #MAX_LINKS} links is a loop (ELOOP), and only a regular file is
 * read: a FIFO would block the reader, a device is the host's.
 */
public final class ImageFiles {

    /** The kernel's limit on links followed in one lookup (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;
    /** The largest file read: /etc/passwd of any real image is far smaller. */
    static final long MAX_SIZE = 16 << 20;

    private final LowerView view;

    /** @param layers the layer directories, bottom first, as the image lists them */
    public ImageFiles(List<Path> layers) {
        this.view = new LowerView(layers);
    }

    /**
     * The text of {@code path} (absolute, as the container names it, such as
     * {@code /etc/passwd}), or empty if the image has no such file.
     *
     * @throws ImageException if it is there but is no regular file, is too large, or its links loop
     */
    public Optional<String> read(String path) throws IOException {
        Optional<Path> file = resolve(path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path found = file.get();
        if (!Files.isRegularFile(found, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImageException(path + " in the image is not a regular file: it cannot be read as one");
        }
        if (Files.size(found) > MAX_SIZE) {
            throw new ImageException(path + " in the image is larger than " + (MAX_SIZE >> 20) + " MiB");
        }
        return Optional.of(new String(Files.readAllBytes(found), StandardCharsets.UTF_8));
    }

    /**
     * The layer file that {@code path} names once every link on the way is
     * followed inside the image, or empty if a name on the way is missing.
     */
    Optional<Path> resolve(String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>(names(path));
        List<String> done = new ArrayList<>(); // the names resolved so far: directories of the union
        Path found = null;
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!done.isEmpty()) { // ".." of the root is the root, as after pivot_root
                    done.remove(done.size() - 1);
                }
                found = null;
                continue;
            }
            Optional<Path> next = view.find(Path.of(String.join("/", done), name));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Path entry = next.get();
            if (Files.isSymbolicLink(entry)) {
                if (++links > MAX_LINKS) {
                    throw new ImageException(path + " in the image: too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(entry).toString();
                List<String> parts = names(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    done.clear(); // absolute: from the image's root, never the host's
                }
                found = null;
                continue;
            }
            if (!todo.isEmpty() && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // a file with names after it: ENOTDIR
            }
            done.add(name);
            found = entry;
        }
        return Optional.ofNullable(found);
    }

    private static List<String> names(String path) {
        return List.of(path.split("/"));
    }
}
