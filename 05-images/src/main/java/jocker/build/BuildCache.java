package jocker.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import jocker.engine.Locks;
import jocker.images.Digest;
import jocker.images.LocalImages;

/**
 * The build cache: for each {@link CacheKey}, the image that step made.
 * The images themselves are ordinary images of the store, recorded as a
 * build's intermediate steps ({@link LocalImages#add(jocker.images.ImageConfig, java.util.List,
 * jocker.images.Reference, boolean)}): {@code images} hides them, and the
 * garbage collector keeps their layers, because the store's index names
 * them. This file only maps keys to their IDs.
 *
 * <pre>
 * &lt;root&gt;/build-cache.json   {"sha256:&lt;key&gt;": "sha256:&lt;image ID&gt;", …}
 * &lt;root&gt;/build-cache.lock   held while the file is read and replaced
 * </pre>
 *
 * A key whose image was removed since ({@code rmi}, {@code image prune}) is
 * a miss: the step runs again.
 */
public final class BuildCache {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Path lock;
    private final LocalImages images;

    public BuildCache(LocalImages images) {
        this.images = images;
        this.file = images.root().resolve("build-cache.json");
        this.lock = images.root().resolve("build-cache.lock");
    }

    /** The image a step of key {@code key} made, if it is still in the store. */
    public LocalImages.Image find(Digest key) throws IOException {
        String id = Locks.holding(lock, () -> read().get(key.toString()));
        return id == null ? null : images.find(id);
    }

    /** Remembers that the step of key {@code key} made image {@code id}. */
    public void put(Digest key, Digest id) throws IOException {
        Locks.holding(lock, () -> {
            Map<String, String> entries = read();
            entries.put(key.toString(), id.toString());
            Path tmp = Files.createTempFile(file.getParent(), ".build-cache", ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), entries);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return null;
        });
    }

    private Map<String, String> read() throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
    }
}
