package jocker.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import jocker.engine.Scratch;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The files of an image archive, by the names the archive gives them: a tar
 * ({@code docker save}, an OCI archive) spooled to scratch in one pass, or
 * an OCI layout directory read where it is. A tar's index may come last
 * ({@code manifest.json} after the layers), so every member is kept until
 * the whole archive has been read; symbolic links between members (docker
 * 25 links {@code <id>/layer.tar} to {@code blobs/sha256/…}) are followed
 * inside the archive only.
 *
 * <p>No name is trusted: an absolute name or one with {@code ..} is refused
 * before anything is written, as a tar that tried to escape the scratch
 * directory.
 */
final class ArchiveMembers implements AutoCloseable {

    private static final int MAX_LINKS = 8;

    private final Path dir;
    private final boolean owned;
    private final Map<String, String> links;

    private ArchiveMembers(Path dir, boolean owned, Map<String, String> links) {
        this.dir = dir;
        this.owned = owned;
        this.links = links;
    }

    /** The OCI layout in directory {@code dir}, read in place. */
    static ArchiveMembers directory(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new ImageException(dir + " is a directory without index.json: not an OCI image layout");
        }
        return new ArchiveMembers(dir.toRealPath(), false, Map.of());
    }

    /** Spools the tar of {@code in} (plain, gzip or zstd) to the scratch directory of state directory {@code root}. */
    static ArchiveMembers spool(InputStream in, Path root, String what) throws IOException {
        Path dir = Files.createTempDirectory(Scratch.dir(root), "archive-");
        Map<String, String> links = new HashMap<>();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(in));
            int count = 0;
            for (TarArchiveEntry e = next(tar, what); e != null; e = next(tar, what)) {
                count++;
                String name = name(e.getName(), what);
                if (name.isEmpty() || e.isDirectory()) {
                    continue;
                }
                if (e.isSymbolicLink() || e.isLink()) {
                    // a hard link names another member from the top; a symbolic one, from its own directory
                    links.put(name, e.isLink() ? "/" + e.getLinkName() : e.getLinkName());
                } else if (e.isFile()) {
                    Path file = dir.resolve(name);
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (count == 0) {
                throw new ImageException(what + " is empty or not a tar archive");
            }
            return new ArchiveMembers(dir, true, links);
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            Trees.delete(dir);
            throw new ImageException(what + " is not a tar archive: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    /** The next member's header; a stream that is no tar is an error that names the archive. */
    private static TarArchiveEntry next(TarArchiveInputStream tar, String what) {
        try {
            return tar.getNextTarEntry();
        } catch (IOException e) {
            throw new ImageException(what + " is not a tar archive (" + e.getMessage()
                    + "): give one that docker save, skopeo or umoci wrote, or an OCI layout directory");
        }
    }

    /** The stream of {@code in}, decompressed when it begins with gzip's or zstd's magic number. */
    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(buffered, 1 << 16);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ZstdCompressorInputStream(buffered);
        }
        return buffered;
    }

    /** The media type of a layer file, from its first bytes: tar, tar+gzip or tar+zstd. */
    static String layerMediaType(Path file) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return MediaTypes.OCI_LAYER_GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) {
            return MediaTypes.OCI_LAYER_ZSTD;
        }
        return MediaTypes.OCI_LAYER;
    }

    /**
     * {@code raw} made canonical ({@code ./a//b/} is {@code a/b}); an
     * absolute name, or one with a {@code ..} component, is refused.
     */
    static String name(String raw, String what) {
        if (raw.startsWith("/")) {
            throw new ImageException(what + ": member '" + raw + "' has an absolute name; refused, an archive "
                    + "names its files relative to its top");
        }
        StringBuilder name = new StringBuilder();
        for (String part : raw.split("/")) {
            if (part.equals("..")) {
                throw new ImageException(what + ": member '" + raw + "' climbs out with '..'; refused");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                name.append(name.length() > 0 ? "/" : "").append(part);
            }
        }
        return name.toString();
    }

    /** Whether the archive has a file named {@code name}. */
    boolean has(String name) throws IOException {
        return find(name) != null;
    }

    /** The file the archive names {@code name}, links followed; an error naming {@code what} if there is none. */
    Path file(String name, String what) throws IOException {
        Path file = find(name);
        if (file == null) {
            throw new ImageException(what + ": the archive has no file '" + name + "'");
        }
        return file;
    }

    private Path find(String name) throws IOException {
        String current = name(name, "archive");
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            String target = links.get(current);
            if (target == null) {
                Path file = dir.resolve(current);
                if (!owned && Files.isRegularFile(file)) {
                    // a layout directory is the user's: its links may point anywhere, its blobs may not
                    Path real = file.toRealPath();
                    return real.startsWith(dir) ? real : null;
                }
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
            }
            String parent = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
            String joined = target.startsWith("/") ? target.substring(1) : parent + "/" + target;
            current = resolveDots(joined);
            if (current == null) {
                return null; // climbs above the archive's top: no member of it
            }
        }
        throw new ImageException("archive member '" + name + "': more than " + MAX_LINKS + " links in a row");
    }

    /** {@code a/b/../c} as {@code a/c}; null when it climbs above the top. */
    private static String resolveDots(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** Deletes the spooled files; a layout directory stays as it was. */
    @Override
    public void close() throws IOException {
        if (owned) {
            Trees.delete(dir);
        }
    }
}
