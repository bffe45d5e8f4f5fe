package jocker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jocker.images.Trees;

/**
 * Containers in the state directory:
 *
 * <pre>
 * &lt;root&gt;/containers/&lt;64-hex id&gt;/
 * ├── state.json       ContainerState, replaced atomically on every change
 * ├── container.log    stdout and stderr of a detached container
 * └── rootfs/          the container's copy of its image
 * </pre>
 */
public final class ContainerStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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

    public Path rootfs(String id) {
        return dir(id).resolve("rootfs");
    }

    public Path log(String id) {
        return dir(id).resolve("container.log");
    }

    /** Records a new container; its directory must not exist. */
    public void create(ContainerState state) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectory(dir(state.id()));
        write(state);
    }

    public void write(ContainerState state) throws IOException {
        writeJson(state.id(), "state.json", state);
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

    /** The same for any file of the state directory (chapter 4's images): atomically replaced. */
    public static void writeJson(Path file, Object value) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
    // end::atomic-write[]

    /** Reads {@code containers/<id>/<file>} as JSON, or returns null when there is none. */
    public <T> T readJson(String id, String file, Class<T> type) throws IOException {
        return readJson(dir(id).resolve(file), type);
    }

    /** Reads {@code file} as JSON, or returns null when there is none. */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return Files.exists(file) ? JSON.readValue(file.toFile(), type) : null;
    }

    public ContainerState read(String id) throws IOException {
        try {
            return JSON.readValue(dir(id).resolve("state.json").toFile(), ContainerState.class);
        } catch (NoSuchFileException e) {
            throw new ContainerNotFoundException(id);
        }
    }

    /** Reads, changes and writes back a container's state. */
    public ContainerState update(String id, UnaryOperator<ContainerState> change) throws IOException {
        ContainerState next = change.apply(read(id));
        write(next);
        return next;
    }

    /** Every container, newest first. */
    public List<ContainerState> list() throws IOException {
        List<ContainerState> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.toList()) {
                if (Files.isRegularFile(d.resolve("state.json"))) {
                    all.add(read(d.getFileName().toString()));
                }
            }
        }
        all.sort(Comparator.comparing(ContainerState::created).reversed());
        return all;
    }

    /** The container that {@code ref} names: its name, its ID, or a unique prefix of its ID. */
    public ContainerState find(String ref) throws IOException {
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

    /** Deletes the container's directory: state, log and rootfs. */
    public void remove(String id) throws IOException {
        Trees.delete(dir(id));
    }
}
