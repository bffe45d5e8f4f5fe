package jocker.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jocker.images.Trees;

/**
 * The state directory's scratch space: where a command writes what is not
 * whole yet (chapter 4: a layer's tar, its unpacked files), to rename(2) it
 * into place once it is. It is inside the state directory, on the file
 * system of what it becomes, because rename(2) is atomic only within one
 * file system (across two it fails with EXDEV).
 *
 * <pre>
 * &lt;root&gt;/tmp/
 * └── &lt;pid&gt;-&lt;start&gt;/          one per jocker process, named after its {@link Owner}
 *     ├── layer-8231.tar
 *     └── partial-5120/
 * </pre>
 *
 * A command killed midway ({@code kill -9}, the OOM killer, a power cut)
 * cannot clean up after itself, and Java's {@code deleteOnExit} does not run
 * then either: the next engine to start deletes every directory whose owner
 * is gone ({@link #sweep}), and leaves those of commands still at work.
 */
public final class Scratch {

    private Scratch() {
    }

    /** This process's scratch directory in state directory {@code root}, made on first use. */
    public static Path dir(Path root) throws IOException {
        Path dir = root.resolve("tmp").resolve(Owner.current().fileName());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            dir.toFile().deleteOnExit(); // at a normal exit, when what was in it has been moved or deleted
        }
        return dir;
    }

    /** Deletes what processes that are gone left in {@code <root>/tmp/}, and anything not named after an owner. */
    static void sweep(Path root) throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(tmp)) {
            entries = list.toList();
        }
        for (Path entry : entries) {
            Owner owner = Owner.ofFileName(entry.getFileName().toString());
            if (owner == null || !owner.isAlive()) {
                Trees.delete(entry);
            }
        }
    }
}
