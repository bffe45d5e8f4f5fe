package jocker.api;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import jocker.engine.Scratch;
import jocker.images.Trees;
import jocker.unionfs.LayerException;
import jocker.unionfs.LayerTar;

/**
 * The build context of {@code POST /build}: the client sends the directory
 * as a tar (gzip'd with {@code docker build --compress}); it is unpacked
 * into a scratch directory of the daemon's state, where the builder reads
 * it as {@code jocker build} reads a directory. Unpacking is chapter 4's
 * {@link LayerTar#unpack}, which refuses any member that would land outside
 * the directory (an absolute name, {@code ..}, a name below a symbolic link).
 */
final class BuildContext implements AutoCloseable {

    private final Path dir;

    private BuildContext(Path dir) {
        this.dir = dir;
    }

    /** Unpacks the context; a bad tar is a 400 and leaves nothing behind. */
    static BuildContext unpack(InputStream body, Path root) throws IOException {
        Path dir = Files.createTempDirectory(Scratch.dir(root), "build-context-");
        try {
            LayerTar.unpack(decompressed(body), dir);
            return new BuildContext(dir);
        } catch (LayerException e) {
            Trees.delete(dir);
            throw ApiException.badRequest("the build context: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw ApiException.badRequest("the build context is not a tar archive: " + e.getMessage());
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return new Padded(first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered);
    }

    /**
     * A tar stream made whole at its end. When {@code docker build -f}
     * names a Dockerfile outside the context, the CLI appends it to the tar
     * and stops right after the last file's bytes: no padding to the next
     * 512-byte record and no end-of-archive records, which a strict reader
     * (Commons Compress: "Truncated TAR archive") refuses. The body ended
     * where the client meant it to (HTTP's framing says so), so the padding
     * and the two zero records are added here.
     */
    private static final class Padded extends FilterInputStream {

        private static final int RECORD = 512;
        private long count;
        private long zeros = -1; // how many zero bytes are still to come once the stream ended; -1 before

        Padded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (zeros < 0) {
                int n = in.read(b, off, len);
                if (n >= 0) {
                    count += n;
                    return n;
                }
                zeros = (RECORD - count % RECORD) % RECORD + 2 * RECORD;
            }
            if (zeros == 0) {
                return -1;
            }
            int n = (int) Math.min(len, zeros);
            Arrays.fill(b, off, off + n, (byte) 0);
            zeros -= n;
            return n;
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * The Dockerfile {@code name} names, a path inside the context (the CLI
     * puts a Dockerfile from elsewhere into the tar under a name of its own);
     * a missing one is a 400 before the build starts, in Docker's words.
     */
    Path dockerfile(String name) {
        String relative = name == null || name.isEmpty() ? "Dockerfile" : name;
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir)) {
            throw ApiException.badRequest("the Dockerfile " + name + " is outside the build context");
        }
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.badRequest("Cannot locate specified Dockerfile: " + relative);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        Trees.delete(dir);
    }
}
