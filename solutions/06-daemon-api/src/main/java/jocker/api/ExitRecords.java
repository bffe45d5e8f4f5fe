package jocker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Feature;
import jocker.images.Trees;

/**
 * The exit code of a container that is gone. {@code docker run --rm} waits
 * with {@code condition=removed}, and the container's shim records the exit
 * and deletes the container one moment after the other: a waiter that looks
 * a moment late finds nothing to read the code from. So before a container's
 * directory goes, its exit code is written to {@code exits/<id>}, where
 * {@code /wait} finds it; such files are swept after {@link #KEPT}.
 */
public final class ExitRecords implements Feature {

    /** How long the exit code of a removed container is kept. */
    static final Duration KEPT = Duration.ofMinutes(10);

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void beforeRemove(ContainerStore store, ContainerState state) throws IOException {
        if (state.exitCode() == null) {
            return; // never ran, or still running (rm -f records the exit first)
        }
        Path dir = dir(store.root());
        Files.createDirectories(dir);
        sweep(dir);
        Path tmp = Trees.newTempFile(dir, "." + state.id() + ".", ".tmp");
        Files.writeString(tmp, Integer.toString(state.exitCode()));
        Files.move(tmp, dir.resolve(state.id()), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The exit code of removed container {@code id}, or null if none was recorded. */
    static Integer read(Path root, String id) throws IOException {
        Path file = dir(root).resolve(id);
        try {
            return Integer.valueOf(Files.readString(file).strip());
        } catch (java.nio.file.NoSuchFileException | NumberFormatException none) {
            return null;
        }
    }

    private static Path dir(Path root) {
        return root.resolve("exits");
    }

    private static void sweep(Path dir) throws IOException {
        Instant old = Instant.now().minus(KEPT);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(old)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
