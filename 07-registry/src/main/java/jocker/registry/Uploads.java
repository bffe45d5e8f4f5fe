package jocker.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jocker.distribution.ErrorCode;
import jocker.images.Digest;

/**
 * Upload sessions: a push opens one ({@code POST …/blobs/uploads/}), sends
 * the blob in one or more chunks ({@code PATCH}), and closes it naming the
 * digest ({@code PUT …?digest=}). The bytes go to {@code _uploads/UUID/data}
 * as they arrive and are hashed on the way, so finishing a 1 GB upload does
 * not read it again; only a session that outlived a restart of the registry
 * (its hash state was in memory) is hashed again from its file.
 *
 * <p>One request at a time per session: a second chunk sent at once waits,
 * then finds the upload longer than it thought and is refused (416).
 */
final class Uploads {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BUFFER = 64 << 10;

    private final RegistryStorage storage;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** What is known in memory about a session: the hash of its first {@code hashed} bytes. */
    private static final class Session {
        private MessageDigest sha256 = Digest.sha256();
        private long hashed;
    }

    Uploads(RegistryStorage storage) {
        this.storage = storage;
    }

    /** Opens a session for repository {@code name}; returns its id. */
    String start(String name) throws IOException {
        String uuid = UUID.randomUUID().toString();
        Path dir = storage.uploads().resolve(uuid);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("repository"), name);
        Files.createFile(dir.resolve("data"));
        return uuid;
    }

    /** The bytes received so far; BLOB_UPLOAD_UNKNOWN for a session that is not there or is another repository's. */
    long size(String name, String uuid) throws IOException {
        return Files.size(data(name, uuid));
    }

    /**
     * Appends a chunk, after checking its {@code Content-Range} (exercise
     * 7.1); returns the upload's new size.
     */
    long append(String name, String uuid, String contentRange, long contentLength, InputStream chunk)
            throws IOException {
        Path data = data(name, uuid);
        Session session = sessions.computeIfAbsent(uuid, u -> new Session());
        synchronized (session) {
            long size = Files.size(data);
            long expected = ContentRange.check(contentRange, size, contentLength);
            catchUp(session, data, size);
            long added = write(session, data, size, chunk);
            if (expected >= 0 && added != expected) {
                truncate(session, data, size);
                throw new RegistryException(ErrorCode.SIZE_INVALID, "the chunk held " + added + " bytes, not "
                        + expected, null);
            }
            return size + added;
        }
    }

    /**
     * Closes the session: appends {@code lastChunk}, checks the whole upload
     * hashes to {@code expected} and makes it the blob, linked into the
     * repository. A mismatch is DIGEST_INVALID and the session is dropped:
     * nothing is stored.
     */
    void finish(String name, String uuid, InputStream lastChunk, Digest expected) throws IOException {
        Path data = data(name, uuid);
        Session session = sessions.computeIfAbsent(uuid, u -> new Session());
        synchronized (session) {
            try {
                long size = Files.size(data);
                catchUp(session, data, size);
                write(session, data, size, lastChunk);
                Digest actual = Digest.of(session.sha256);
                if (!actual.equals(expected)) {
                    throw new RegistryException(ErrorCode.DIGEST_INVALID, "the upload's digest is " + actual
                            + ", not " + expected, expected.toString());
                }
                storage.commit(data, expected);
                storage.link(name, expected);
            } finally {
                sessions.remove(uuid);
                delete(storage.uploads().resolve(uuid));
            }
        }
    }

    /** Drops a session and what it received. */
    void cancel(String name, String uuid) throws IOException {
        data(name, uuid);
        sessions.remove(uuid);
        delete(storage.uploads().resolve(uuid));
    }

    /** Removes sessions nothing was written to for {@code age} (a client that gave up); returns their ids. */
    List<String> removeStale(Duration age, boolean dryRun) throws IOException {
        Instant before = Instant.now().minus(age);
        List<String> removed = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(storage.uploads())) {
            for (Path dir : dirs.toList()) {
                Path data = dir.resolve("data");
                Instant touched = Files.getLastModifiedTime(Files.exists(data) ? data : dir).toInstant();
                if (touched.isBefore(before)) {
                    removed.add(dir.getFileName().toString());
                    if (!dryRun) {
                        sessions.remove(dir.getFileName().toString());
                        delete(dir);
                    }
                }
            }
        }
        return removed;
    }

    private Path data(String name, String uuid) throws IOException {
        if (!UUID_FORM.matcher(uuid).matches()) {
            throw unknown(uuid);
        }
        Path dir = storage.uploads().resolve(uuid);
        try {
            if (!Files.readString(dir.resolve("repository")).equals(name)) {
                throw unknown(uuid);
            }
        } catch (NoSuchFileException e) {
            throw unknown(uuid);
        }
        return dir.resolve("data");
    }

    private static RegistryException unknown(String uuid) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload session " + uuid, uuid);
    }

    /** Hashes what the file holds beyond what the session hashed (all of it after a restart). */
    private static void catchUp(Session session, Path data, long size) throws IOException {
        if (session.hashed == size) {
            return;
        }
        session.sha256 = Digest.sha256();
        session.hashed = 0;
        try (InputStream in = Files.newInputStream(data)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0 && session.hashed < size; ) {
                int use = (int) Math.min(n, size - session.hashed);
                session.sha256.update(buffer, 0, use);
                session.hashed += use;
            }
        }
    }

    /** Appends the stream to the file, hashing it on the way; a broken stream leaves the file as it was. */
    private static long write(Session session, Path data, long size, InputStream in) throws IOException {
        long added = 0;
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.WRITE)) {
            out.position(size);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                session.sha256.update(buffer, 0, n);
                added += n;
                session.hashed += n;
            }
        } catch (IOException | RuntimeException e) {
            truncate(session, data, size);
            throw e;
        }
        return added;
    }

    private static void truncate(Session session, Path data, long size) throws IOException {
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.WRITE)) {
            out.truncate(size);
        }
        session.hashed = -1; // hash again from the file next time
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
