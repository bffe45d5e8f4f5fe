package jocker.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jocker.unionfs.LayerTar;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * What COPY and ADD do: the files the sources name, put into a
 * {@link LayerTree} where the destination says, as the Dockerfile
 * reference describes.
 *
 * <ul>
 * <li>a source may hold wildcards; several sources need a destination that
 * is a directory ({@code /app/});
 * <li>a directory source copies what is in it, not itself;
 * <li>the files keep their modes ({@code --chmod} replaces them) and times,
 * and belong to root unless {@code --chown} says otherwise;
 * <li>a relative destination is relative to the WORKDIR;
 * <li>ADD unpacks a local tar archive (plain, gzip, bzip2, zstd) into the
 * destination directory, keeping the owners it records.
 * </ul>
 */
final class Copier {

    private final SourceFiles sources;
    private final Path sourceRoot;
    private final ImageFiles image;
    private final LayerTree tree;
    private final Ownership owner;
    private final Integer chmod;
    private final boolean add;

    /**
     * @param sourceRoot the context directory, or null when copying from an image
     * @param chmod      {@code --chmod}'s mode, or null
     * @param add        whether this is ADD, which unpacks archives
     */
    Copier(SourceFiles sources, Path sourceRoot, ImageFiles image, LayerTree tree, Ownership owner, Integer chmod,
            boolean add) {
        this.sources = sources;
        this.sourceRoot = sourceRoot;
        this.image = image;
        this.tree = tree;
        this.owner = owner;
        this.chmod = chmod;
        this.add = add;
    }

    /** Copies {@code sources} (already expanded) to {@code dest}, an absolute path in the image. */
    void copy(List<String> sourceArgs, String dest) throws IOException {
        List<String> matches = new ArrayList<>();
        for (String source : sourceArgs) {
            if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || source.startsWith("git@")) {
                throw new DockerfileException("URL sources are not supported: " + source + " (jocker build has no "
                        + "network): download it into the build context and COPY it");
            }
            String path = DockerIgnore.clean("/" + source).substring(1);
            if (path.isEmpty()) {
                matches.add("");
                continue;
            }
            List<String> found = sources.glob(path);
            if (found.isEmpty()) {
                throw new DockerfileException((sourceRoot != null
                        ? "file not found in build context or excluded by .dockerignore: " : "file not found: ")
                        + source);
            }
            matches.addAll(found);
        }
        boolean intoDirectory = dest.endsWith("/") || image.isDirectory(image.resolve(dest, true));
        if (matches.size() > 1 && !intoDirectory) {
            throw new DockerfileException("when copying more than one file, the destination must be a directory "
                    + "and end with a /: " + dest + "/");
        }
        for (String match : matches) {
            Path file = match.isEmpty() ? sourceRoot : sources.find(match).orElseThrow();
            if (file == null || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                copyChildren(match, tree.directory(image.resolve(dest, true), owner));
            } else if (add && isTarArchive(file)) {
                try (InputStream in = decompressed(file)) {
                    LayerTar.unpack(in, tree.directory(image.resolve(dest, true), owner));
                }
            } else if (intoDirectory) {
                copyEntry(match, file, tree.directory(image.resolve(dest, true), owner).resolve(name(match)));
            } else {
                String parent = dest.substring(0, dest.lastIndexOf('/') + 1);
                copyEntry(match, file, tree.directory(image.resolve(parent, true), owner).resolve(name(dest)));
            }
        }
        tree.finish();
    }

    private void copyChildren(String source, Path target) throws IOException {
        for (String name : sources.list(source)) {
            String child = source.isEmpty() ? name : source + "/" + name;
            copyEntry(child, sources.find(child).orElseThrow(), target.resolve(name));
        }
    }

    /** Copies one file, link or directory (with what is in it) to {@code target}. */
    private void copyEntry(String source, Path file, Path target) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = chmod != null ? chmod : (Integer) attrs.get("mode") & 07777;
        if (Files.isSymbolicLink(file)) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Files.readSymbolicLink(file));
            LayerTree.setOwner(target, owner);
            return;
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(target);
                Files.createDirectory(target);
            }
            copyChildren(source, target);
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            throw new DockerfileException("cannot copy " + source + ": only files, directories and links can be "
                    + "copied");
        }
        LayerTree.setOwner(target, owner);
        Files.setAttribute(target, "unix:mode", mode);
        Files.setLastModifiedTime(target, (FileTime) attrs.get("lastModifiedTime"));
    }

    private static String name(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Whether {@code file} is a tar, compressed or not: what ADD unpacks. */
    static boolean isTarArchive(Path file) throws IOException {
        try (InputStream in = decompressed(file)) {
            return ArchiveStreamFactory.TAR.equals(ArchiveStreamFactory.detect(in));
        } catch (org.apache.commons.compress.archivers.ArchiveException notAnArchive) {
            return false;
        }
    }

    /** {@code file}'s bytes, decompressed if it is gzip, bzip2, xz or zstd, with mark support. */
    private static InputStream decompressed(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            String type = CompressorStreamFactory.detect(in);
            return new BufferedInputStream(new CompressorStreamFactory().createCompressorInputStream(type, in),
                    1 << 16);
        } catch (CompressorException notCompressed) {
            return in;
        }
    }
}
