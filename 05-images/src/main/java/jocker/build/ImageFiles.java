package jocker.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jocker.images.Digest;
import jocker.images.LocalImages;
import jocker.unionfs.LayerStore;
import jocker.unionfs.LowerView;

/**
 * The files of an image, read from its unpacked layers without mounting
 * them (chapter 4's {@link LowerView}): where COPY puts files, what a
 * directory's mode and owner are, who {@code --chown=app} is, and the files
 * {@code COPY --from} takes. Symbolic links on the way are followed inside
 * the image, as the kernel would inside the container: {@code /var/run}
 * that points to {@code /run} leads to {@code /run}, and no link leads out.
 */
final class ImageFiles {

    private static final int MAX_LINKS = 40; // the kernel's limit of links in one lookup (path_resolution(7))

    private final LowerView view;

    private ImageFiles(LowerView view) {
        this.view = view;
    }

    /** The files of {@code image}; an image of no layers ({@code scratch}) has none. */
    static ImageFiles of(LocalImages images, LocalImages.Image image) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (image != null) {
            LayerStore layers = images.layers();
            for (Digest diffId : image.diffIds()) {
                dirs.add(layers.diff(diffId.toString()));
            }
        }
        return new ImageFiles(new LowerView(dirs));
    }

    /**
     * {@code path} (absolute, {@code /}-separated) with the links in its
     * directories resolved, and the last one too if {@code followLast}: a
     * path with no link on the way, relative to the image's root
     * ({@code ""} is the root).
     */
    String resolve(String path, boolean followLast) throws IOException {
        List<String> todo = new ArrayList<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.remove(0);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(part);
            Optional<Path> found = view.find(Path.of(String.join("/", done)));
            boolean last = todo.stream().allMatch(p -> p.isEmpty() || p.equals("."));
            if (found.isPresent() && Files.isSymbolicLink(found.get()) && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links in " + path);
                }
                String target = Files.readSymbolicLink(found.get()).toString();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                todo.addAll(0, List.of(target.split("/")));
            }
        }
        return String.join("/", done);
    }

    /** The file at {@code resolved} (from {@link #resolve}) in the topmost layer that has it. */
    Optional<Path> find(String resolved) throws IOException {
        return resolved.isEmpty() ? Optional.empty() : view.find(Path.of(resolved));
    }

    /** Whether {@code resolved} is a directory of the image. */
    boolean isDirectory(String resolved) throws IOException {
        if (resolved.isEmpty()) {
            return true;
        }
        Optional<Path> found = find(resolved);
        return found.isPresent() && Files.isDirectory(found.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The names in directory {@code resolved}. */
    Set<String> list(String resolved) throws IOException {
        return view.list(Path.of(resolved));
    }

    /** The text of {@code /etc/passwd} or {@code /etc/group}, or "" if the image has none. */
    String read(String path) throws IOException {
        Optional<Path> found = find(resolve(path, true));
        return found.isPresent() && Files.isRegularFile(found.get()) ? Files.readString(found.get()) : "";
    }
}
