package jocker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import jocker.course.Exercise;
import jocker.images.Digest;

/**
 * {@code jocker registry gc}: frees the blobs no manifest reaches. Deleting
 * a manifest or a blob only takes it out of a repository; the bytes stay,
 * since another repository may share them. Mark and sweep:
 *
 * <ol>
 *   <li>mark: from every manifest of every repository (tagged or not,
 *       referrers too), everything it reaches: an index's manifests, and
 *       theirs, a manifest's config and layers;</li>
 *   <li>sweep: every blob not marked, and every upload session left alone
 *       for longer than {@code uploadAge}.</li>
 * </ol>
 *
 * <p>A push may run meanwhile. Every blob a push writes or a manifest names
 * is stamped with the time ({@link RegistryStorage#commit},
 * {@link RegistryStorage#touch}); the sweep spares what is newer than the
 * gc's start, and takes a blob away by renaming it first, then looks at its
 * time again: a manifest that named it in between finds it gone and is
 * refused (the client pushes again), or it is put back. Nothing a finished
 * push relies on disappears.
 */
public final class GarbageCollector {

    /** What a run removed (or would remove, with {@code dryRun}). */
    public record Report(List<Digest> blobs, long bytes, List<String> uploads) {
    }

    private final RegistryStorage storage;

    private GarbageCollector(RegistryStorage storage) {
        this.storage = storage;
    }

    /** Collects the registry stored under {@code root}. */
    public static Report collect(Path root, boolean dryRun, Duration uploadAge) throws IOException {
        return new GarbageCollector(new RegistryStorage(root)).run(dryRun, uploadAge);
    }

    private Report run(boolean dryRun, Duration uploadAge) throws IOException {
        Instant start = Instant.now().minusSeconds(1); // file times have coarse clocks on some file systems
        Set<Digest> marked = new HashSet<>();
        for (String name : storage.repositories()) {
            for (Digest manifest : storage.manifests(name)) {
                marked.addAll(reachable(manifest, this::read));
            }
        }
        List<Digest> removed = new ArrayList<>();
        long bytes = 0;
        for (Digest blob : storage.blobs()) {
            if (marked.contains(blob)) {
                continue;
            }
            long size = sweep(blob, start, dryRun);
            if (size >= 0) {
                removed.add(blob);
                bytes += size;
            }
        }
        List<String> uploads = new Uploads(storage).removeStale(uploadAge, dryRun);
        return new Report(removed, bytes, uploads);
    }

    /**
     * The digests manifest {@code digest} reaches, itself included: for an
     * index, its manifests and what they reach; for an image manifest, its
     * config and layers. {@code read} gives a manifest's JSON (null when the
     * blob is not there, or is no JSON: a layer, a config).
     */
    // tag::mark[]
    static Set<Digest> reachable(Digest digest, Function<Digest, JsonNode> read) {
        Set<Digest> marked = new HashSet<>();
        // Exercise 7.4: add digest; read it; add the digests of its "config" and "layers"
        //   descriptors (digestOf); for each descriptor in its "manifests" (an index), add
        //   everything that one reaches, recursively.
        return Exercise.todo("7.4", "add digest; read it; add the digests of its \"config\" and \"layers\" descriptors (digestOf); for each descriptor in its \"manifests\" (an index), add everything that one reaches, recursively.");
    }
    // end::mark[]

    /** The digest a descriptor names. */
    private static Digest digestOf(JsonNode descriptor) {
        return Digest.parse(descriptor.path("digest").asText());
    }

    /** A blob's JSON, or null. */
    private JsonNode read(Digest digest) {
        try {
            byte[] bytes = Files.readAllBytes(storage.blob(digest));
            if (bytes.length == 0 || bytes[0] != '{') {
                return null;
            }
            return RegistryApi.JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes an unmarked blob older than {@code start}; its size, or -1 when it was spared. */
    private long sweep(Digest blob, Instant start, boolean dryRun) throws IOException {
        Path file = storage.blob(blob);
        try {
            if (!Files.getLastModifiedTime(file).toInstant().isBefore(start)) {
                return -1;
            }
            long size = Files.size(file);
            if (dryRun) {
                return size;
            }
            Path aside = storage.temp();
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            if (!Files.getLastModifiedTime(aside).toInstant().isBefore(start)) { // touched just before the move
                if (!Files.exists(file)) {
                    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.deleteIfExists(aside);
                return -1;
            }
            Files.delete(aside);
            return size;
        } catch (NoSuchFileException gone) {
            return -1;
        }
    }
}
