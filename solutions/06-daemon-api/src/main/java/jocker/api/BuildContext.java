package jocker.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
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
