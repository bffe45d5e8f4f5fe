package jocker.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jocker.engine.ContainerStore;
import jocker.engine.Locks;
import jocker.engine.Names;
import jocker.images.Trees;

/**
 * Named volumes in the state directory, as Docker's {@code local} driver
 * keeps them: a directory per volume whose {@code _data} containers
 * bind-mount.
 *
 * <pre>
 * &lt;root&gt;/volumes.lock            held while volumes are made, used, released or removed
 * &lt;root&gt;/volumes/
 * └── cache/
 *     ├── volume.json            {@link Volume}: created when, labels
 *     ├── users/
 *     │   └── &lt;container id&gt;     one empty file per container that mounts it, running or not
 *     └── _data/                 the files; the Mountpoint
 * </pre>
 *
 * <p>The users are the reference count, kept as files so that every
 * process (the CLI, the daemon, a shim) sees the same one and a crash
 * never leaves it wrong: a user whose container directory is gone no
 * longer counts. A volume with users cannot be removed.
 */
public final class VolumeStore {

    private final Path root;
    private final Path dir;

    /** The volumes of state directory {@code root}. */
    public VolumeStore(Path root) {
        this.root = root;
        this.dir = root.resolve("volumes");
    }

    /** The directory whose {@code _data} holds the volume's files. */
    public Path dir(String name) {
        return dir.resolve(name);
    }

    /** The volume's files: the {@code Mountpoint}. */
    public Path data(String name) {
        return dir(name).resolve("_data");
    }

    /** {@code docker volume create}: a new volume, or the one of that name if there is one. */
    public Volume create(String name, Map<String, String> labels) throws IOException {
        VolumeSpec.checkName(name);
        return locked(() -> createLocked(name, labels));
    }

    private Volume createLocked(String name, Map<String, String> labels) throws IOException {
        Volume existing = read(name);
        if (existing != null) {
            return existing;
        }
        Files.createDirectories(data(name));
        Volume volume = new Volume(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "local", labels,
                data(name).toString(), name, Map.of(), "local");
        ContainerStore.writeJson(dir(name).resolve("volume.json"), volume);
        return volume;
    }

    /** A new anonymous volume: a random 64-hex name, as a container ID, and Docker's label. */
    public Volume createAnonymous() throws IOException {
        return locked(() -> createLocked(Names.newId(), Map.of(Volume.ANONYMOUS, "")));
    }

    /** The volume called {@code name}; a {@link VolumeException} (404) when there is none. */
    public Volume get(String name) throws IOException {
        Volume volume = read(name);
        if (volume == null) {
            throw VolumeException.noSuchVolume(name);
        }
        return volume;
    }

    /** Every volume, by name. */
    public List<Volume> list() throws IOException {
        List<Volume> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.sorted().toList()) {
                Volume volume = read(d.getFileName().toString());
                if (volume != null) {
                    all.add(volume);
                }
            }
        }
        return all;
    }

    // tag::use[]
    /**
     * Records that container {@code id} mounts the volume, making the volume
     * first if it does not exist ({@code -v name:/dir} does): one step under
     * the lock, so that a {@code volume rm} at the same time either removes
     * it before, and this makes it anew, or finds it in use.
     */
    public Volume use(String name, String id) throws IOException {
        return locked(() -> {
            Volume volume = createLocked(name, Map.of());
            Files.createDirectories(dir(name).resolve("users"));
            Files.writeString(dir(name).resolve("users").resolve(id), "");
            return volume;
        });
    }

    /** Container {@code id} no longer mounts the volume: it was removed. */
    public void release(String name, String id) throws IOException {
        locked(() -> Files.deleteIfExists(dir(name).resolve("users").resolve(id)));
    }

    /**
     * {@code docker volume rm}: refused with 409 while a container uses it,
     * 404 when there is none unless {@code force}.
     */
    public void remove(String name, boolean force) throws IOException {
        locked(() -> {
            if (read(name) == null) {
                if (force) {
                    return null;
                }
                throw VolumeException.noSuchVolume(name);
            }
            List<String> users = usersLocked(name);
            if (!users.isEmpty()) {
                throw new VolumeException(409, "remove " + name + ": volume is in use - " + users);
            }
            Trees.delete(dir(name));
            return null;
        });
    }
    // end::use[]

    /**
     * Copy-up: fills a volume that is still empty with what the container's
     * root has at {@code destination} (its image's files), as Docker does the
     * first time a volume is mounted over a directory of an image. Under the
     * lock: two containers starting on one new volume copy once.
     */
    public void copyUp(String name, Path rootfs, String destination) throws IOException {
        locked(() -> {
            CopyUp.fill(data(name), rootfs, destination);
            return null;
        });
    }

    /** The IDs of the containers that mount the volume, running or not. */
    public List<String> users(String name) throws IOException {
        return locked(() -> usersLocked(name));
    }

    /** Those users whose container still exists; a user left by a container that is gone is dropped. */
    private List<String> usersLocked(String name) throws IOException {
        Path users = dir(name).resolve("users");
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(users)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(users)) {
            for (Path f : files.sorted().toList()) {
                String id = f.getFileName().toString();
                if (Files.isDirectory(root.resolve("containers").resolve(id))) {
                    ids.add(id);
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        return ids;
    }

    /**
     * {@code docker volume prune}: removes every volume no container uses
     * that {@code filter} accepts; returns their names and the bytes freed.
     */
    public Pruned prune(Predicate<Volume> filter) throws IOException {
        return locked(() -> {
            List<String> deleted = new ArrayList<>();
            long bytes = 0;
            for (Volume v : list()) {
                if (filter.test(v) && usersLocked(v.name()).isEmpty()) {
                    bytes += size(v.name());
                    Trees.delete(dir(v.name()));
                    deleted.add(v.name());
                }
            }
            return new Pruned(deleted, bytes);
        });
    }

    /** What a prune removed, as {@code POST /volumes/prune} answers. */
    public record Pruned(List<String> names, long bytes) {
    }

    /** The bytes of the volume's files; a file with two names counts once. */
    public long size(String name) throws IOException {
        long total = 0;
        Set<Object> seen = new HashSet<>();
        try (Stream<Path> files = Files.walk(data(name))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && seen.add(a.fileKey())) {
                    total += a.size();
                }
            }
        }
        return total;
    }

    /** The volume's record, or null; its Mountpoint as this state directory has it. */
    private Volume read(String name) throws IOException {
        if (!VolumeSpec.NAME.matcher(name).matches()) {
            return null; // never a path: "../x" names nothing
        }
        Volume v = ContainerStore.readJson(dir(name).resolve("volume.json"), Volume.class);
        return v == null ? null : new Volume(v.createdAt(), v.driver(), v.labels(), data(name).toString(), v.name(),
                v.options(), v.scope());
    }

    private <T> T locked(Locks.Locked<T> body) throws IOException {
        Files.createDirectories(dir);
        return Locks.holding(root.resolve("volumes.lock"), body);
    }
}
