package jocker.images;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jocker.course.Exercise;
import jocker.engine.Scratch;

/**
 * Blobs addressed by content, in an OCI image layout's shape:
 *
 * <pre>
 * &lt;root&gt;/oci/blobs/sha256/&lt;64 hex&gt;    the bytes whose SHA-256 is the name
 * </pre>
 *
 * Every write is checked: the bytes are hashed as they are written to the
 * scratch directory, and renamed to their name only when the hash is what
 * the caller expected, so a blob in the store is whole and correct, and a
 * command killed midway leaves only scratch. Every read is checked too: a
 * blob changed on disk after it was written (a bad disk, a hand edit) is an
 * error at the end of the stream, not an image that runs something else.
 */
public final class BlobStore {

    private final Path root;
    private final Path dir;

    /** The blob store of state directory {@code root}. */
    public BlobStore(Path root) {
        this(root, root.resolve("oci").resolve("blobs").resolve("sha256"));
    }

    /** A blob store in {@code dir}, scratch in {@code root}'s: an OCI layout being written. */
    public BlobStore(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Where blob {@code digest} is, or would be. */
    public Path path(Digest digest) {
        return dir.resolve(digest.hex());
    }

    public boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    public long size(Digest digest) throws IOException {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw new ImageException("blob " + digest + " is not in the store");
        }
    }

    /** Stores {@code bytes}, returns their digest. */
    public Digest put(byte[] bytes) throws IOException {
        return put(new java.io.ByteArrayInputStream(bytes), null);
    }

    // tag::put[]
    /**
     * Stores the bytes of {@code in} and returns their digest. When
     * {@code expected} is given (a descriptor said so), bytes with another
     * digest are refused with a {@link DigestMismatchException} and nothing
     * is stored. A blob already there is kept: same digest, same bytes.
     */
    public Digest put(InputStream in, Digest expected) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(Scratch.dir(root), "blob-", ".tmp");
        try {
            // Exercise 5.1: hash the bytes while they are written to tmp
            //   (DigestOutputStream), compare with expected, then move tmp to path(digest).
            return Exercise.todo("5.1", "hash the bytes while they are written to tmp (DigestOutputStream), compare with expected, then move tmp to path(digest).");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
    // end::put[]

    /** Stores a copy of {@code file}, checked against {@code expected} when given. */
    public Digest putFile(Path file, Digest expected) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in, expected);
        }
    }

    /**
     * Moves {@code file}, whose digest the caller computed as it wrote it, into
     * the store without copying; the caller's digest is trusted, so only code
     * that hashed the very bytes it wrote may call this.
     */
    public void moveIn(Path file, Digest digest) throws IOException {
        Files.createDirectories(dir);
        if (has(digest)) {
            Files.delete(file);
            return;
        }
        Files.move(file, path(digest), StandardCopyOption.ATOMIC_MOVE);
    }

    // tag::open[]
    /**
     * The bytes of blob {@code digest}, hashed as they are read: the stream
     * throws a {@link DigestMismatchException} at its end if they are not
     * what the name says.
     */
    public InputStream open(Digest digest) throws IOException {
        InputStream file;
        try {
            file = Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw new ImageException("blob " + digest + " is not in the store");
        }
        // Exercise 5.2: a stream that hashes what passes through it and, at
        //   end of file, throws DigestMismatchException unless the hash is digest.
        return Exercise.todo("5.2", "a stream that hashes what passes through it and, at end of file, throws DigestMismatchException unless the hash is digest.");
    }
    // end::open[]

    /** The whole blob, checked. */
    public byte[] read(Digest digest) throws IOException {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        }
    }

    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    /** Every blob in the store. */
    public List<Digest> list() throws IOException {
        List<Digest> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.length() == 64 && Digest.isDigest(Digest.SHA256 + name)) {
                    all.add(new Digest(name));
                }
            }
        }
        return all;
    }

    /** Hashes what is read; at the end, compares with the expected digest. */
    public static final class VerifyingInputStream extends FilterInputStream {

        private final MessageDigest sha = Digest.sha256();
        private final Digest expected;
        private final String what;
        private boolean checked;

        public VerifyingInputStream(InputStream in, Digest expected, String what) {
            super(in);
            this.expected = expected;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                sha.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                check();
            } else {
                sha.update(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void check() {
            if (!checked) {
                checked = true;
                Digest actual = Digest.of(sha);
                if (!actual.equals(expected)) {
                    throw new DigestMismatchException(what, expected, actual);
                }
            }
        }
    }
}
