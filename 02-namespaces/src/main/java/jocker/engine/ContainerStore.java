package jocker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jocker.images.Trees;
import jocker.spec.Bundle;

/**
 * Containers in the state directory:
 *
 * <pre>
 * &lt;root&gt;/containers.lock    held while a container is created: names are unique
 * &lt;root&gt;/containers/
 * └── &lt;64-hex id&gt;/
 *     ├── .lock              held while state.json is read, changed and written back
 *     ├── state.json         ContainerState, replaced atomically on every change
 *     ├── container.log      stdout and stderr of a detached container
 *     └── bundle/            the OCI bundle the runtime runs
 *         ├── config.json    the spec: everything the container is
 *         └── rootfs/        its root filesystem
 * </pre>
 */
public final class ContainerStore {

    /**
     * Jackson's databind, for the files of later chapters (their records name
     * fields as Docker does, by annotation): made on first use, so that the
     * commands that read only {@code state.json} ({@link StateJson}) never
     * pay its tenth of a second.
     */
    private static final class Databind {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private final Path dir;

    public ContainerStore(Path root) {
        this.dir = root.resolve("containers");
    }

    /** The state directory this store is in ({@code --root}). */
    public Path root() {
        return dir.getParent();
    }

    public Path dir(String id) {
        return dir.resolve(id);
    }

    /** The container's OCI bundle. */
    public Bundle bundle(String id) {
        return new Bundle(dir(id).resolve("bundle"));
    }

    /** The container's root filesystem: the bundle's {@code root.path}. */
    public Path rootfs(String id) {
        return bundle(id).dir().resolve("rootfs");
    }

    public Path log(String id) {
        return dir(id).resolve("container.log");
    }

    // tag::create[]
    /**
     * Records a new container. Under the store's lock, so that of several
     * commands creating containers with one name at once, exactly one wins:
     * the check and the creation are one step for every other process.
     */
    public void create(ContainerState state) throws IOException {
        Files.createDirectories(dir);
        Locks.holding(root().resolve("containers.lock"), () -> {
            for (ContainerState other : list()) {
                if (other.name().equals(state.name())) {
                    throw new NameConflictException(state.name(), other.id());
                }
            }
            Files.createDirectory(dir(state.id()));
            try {
                write(state);
            } catch (IOException | RuntimeException e) { // a full disk: no half-made container stays
                try {
                    remove(state.id());
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return null;
        });
    }
    // end::create[]

    /**
     * Gives container {@code id} the name {@code name}, under the same lock
     * as {@link #create}: a name stays unique.
     */
    public ContainerState rename(String id, String name) throws IOException {
        Names.checkName(name);
        return Locks.holding(root().resolve("containers.lock"), () -> {
            for (ContainerState other : list()) {
                if (other.name().equals(name) && !other.id().equals(id)) {
                    throw new NameConflictException(name, other.id());
                }
            }
            return update(id, s -> s.withName(name));
        });
    }

    public void write(ContainerState state) throws IOException {
        writeAtomically(dir(state.id()).resolve("state.json"), StateJson.bytes(state));
    }

    // tag::atomic-write[]
    /**
     * Writes {@code value} as JSON to {@code containers/<id>/<file>}: beside
     * the old file first, then renamed over it. rename(2) is atomic, so a
     * reader, or a crash, sees the old file or the new one, never half of one.
     * Later chapters keep their own files of a container this way.
     */
    public void writeJson(String id, String file, Object value) throws IOException {
        writeJson(dir(id).resolve(file), value);
    }

    /**
     * The same for any file of the state directory (chapter 4's images):
     * atomically replaced.
     */
    public static void writeJson(Path file, Object value) throws IOException {
        writeAtomically(file, Databind.JSON.writeValueAsBytes(value));
    }

    /** A failure names the file: write(2) says only "No space left on device". */
    private static void writeAtomically(Path file, byte[] json) throws IOException {
        try {
            Path tmp = Trees.newTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, json);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason() : e.getMessage();
            throw new IOException("cannot write " + file + ": " + why, e);
        }
    }
    // end::atomic-write[]

    /**
     * Writes a small file of container {@code id} the way {@code state.json}
     * is written, with jackson-jr ({@link StateJson}): a record, by its
     * components' names, or a map. For the files that every container's
     * commands read ({@code resources.json}, {@code layers.json}); a file whose
     * record carries Jackson annotations (Docker's field names) goes through
     * {@link #writeJson} instead.
     */
    public void writeRecord(String id, String file, Object value) throws IOException {
        writeAtomically(dir(id).resolve(file), StateJson.bytes(value));
    }

    /** Reads a file {@link #writeRecord} wrote, or returns null when there is none. */
    public <T> T readRecord(String id, String file, Class<T> type) throws IOException {
        return read(dir(id).resolve(file), json -> StateJson.read(json, type));
    }

    /** Reads {@code containers/<id>/<file>} as JSON, or returns null when there is none. */
    public <T> T readJson(String id, String file, Class<T> type) throws IOException {
        return readJson(dir(id).resolve(file), type);
    }

    /**
     * Reads {@code file} as JSON, or returns null when there is none (also when it goes between the look and
     * the read: a container removed meanwhile, by {@code rm} or {@code --rm}); says which file is broken.
     */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return read(file, json -> Databind.JSON.readValue(json, type));
    }

    private interface Decoder<T> {
        T decode(byte[] json) throws IOException;
    }

    private static <T> T read(Path file, Decoder<T> decoder) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException removedMeanwhile) {
            return null;
        }
        try {
            return decoder.decode(json);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IOException(file + " is damaged: " + why, e);
        }
    }

    public ContainerState read(String id) throws IOException {
        if (Files.isDirectory(dir(id).resolve("rootfs")) && !Files.exists(bundle(id).dir())) {
            // Chapters 1-4 before the OCI bundle kept the files in containers/<id>/rootfs and nothing
            // else to start them from: such a container cannot run again, only be removed.
            throw new IOException("container " + id.substring(0, 12) + " was made by an older Jocker, without an "
                    + "OCI bundle: remove it with 'jocker rm -f " + id.substring(0, 12) + "'");
        }
        ContainerState state = read(dir(id).resolve("state.json"),
                json -> StateJson.read(json, ContainerState.class));
        if (state == null) {
            throw new ContainerNotFoundException(id);
        }
        return state;
    }

    // tag::update[]
    /**
     * Reads, changes and writes back a container's state, holding the
     * container's lock: the CLI, the daemon and the monitor never lose each
     * other's changes.
     */
    public ContainerState update(String id, UnaryOperator<ContainerState> change) throws IOException {
        if (!Files.isDirectory(dir(id))) {
            throw new ContainerNotFoundException(id);
        }
        return Locks.holding(dir(id).resolve(".lock"), () -> {
            ContainerState next = change.apply(read(id));
            write(next);
            return next;
        });
    }
    // end::update[]

    /**
     * Every container, newest first. One whose state cannot be read is
     * listed as {@link ContainerState#BROKEN}, by its ID, and the others
     * still are: one damaged file must not stop every command.
     */
    public List<ContainerState> list() throws IOException {
        List<ContainerState> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String id = d.getFileName().toString();
                if (!Names.isId(id)) {
                    continue;
                }
                try {
                    all.add(read(id));
                } catch (ContainerNotFoundException gone) {
                    // removed meanwhile, or still being created
                } catch (IOException e) {
                    FileTime made = Files.getLastModifiedTime(d);
                    all.add(ContainerState.broken(id, made.toInstant(), e.getMessage()));
                }
            }
        }
        all.sort(Comparator.comparing(ContainerState::created).reversed());
        return all;
    }

    /**
     * The IDs of the containers whose directory holds {@code file}: one
     * stat(2) each, no state read, for what runs before every command
     * ({@link Feature#recover}).
     */
    public List<String> idsWith(String file) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(d -> Names.isId(d.getFileName().toString()) && Files.exists(d.resolve(file)))
                    .map(d -> d.getFileName().toString())
                    .toList();
        }
    }

    /** The container that {@code ref} names: its name, its ID, or a unique prefix of its ID. */
    public ContainerState find(String ref) throws IOException {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("no container named: a name or ID must not be empty");
        }
        List<ContainerState> matches = new ArrayList<>();
        for (ContainerState s : list()) {
            if (s.name().equals(ref) || s.id().equals(ref)) {
                return s;
            }
            if (s.id().startsWith(ref)) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new ContainerNotFoundException(ref);
        }
        throw new IllegalArgumentException("'" + ref + "' matches " + matches.size() + " containers: give more of the ID");
    }

    // tag::await[]
    /**
     * Waits until the container's state satisfies {@code done}, woken by
     * inotify (a {@link WatchService}) when state.json is replaced, not by
     * polling it. Returns the state then, the last state read when
     * {@code timeout} passes or {@code alive} turns false, or null once the
     * container is removed.
     */
    public ContainerState await(String id, Predicate<ContainerState> done, Duration timeout, BooleanSupplier alive)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir(id).register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                ContainerState state;
                try {
                    state = read(id);
                } catch (ContainerNotFoundException removed) {
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (done.test(state) || left <= 0 || !alive.getAsBoolean()) {
                    return state;
                }
                // Woken by a change, or after a while to look at the process again.
                WatchKey key = watch.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (NoSuchFileException removed) {
            return null;
        }
    }
    // end::await[]

    /** Deletes the container's directory: state, log and bundle. */
    public void remove(String id) throws IOException {
        // The container's monitor may still be writing its last words (its exit, an event) while rm -f
        // deletes: a file made meanwhile leaves a directory not empty; a moment later it is done.
        for (int attempt = 1; ; attempt++) {
            try {
                Trees.delete(dir(id));
                return;
            } catch (java.nio.file.DirectoryNotEmptyException busy) {
                if (attempt == 20) {
                    throw busy;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }
}
