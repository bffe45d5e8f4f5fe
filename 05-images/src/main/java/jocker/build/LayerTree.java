package jocker.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jocker.engine.Scratch;
import jocker.images.Trees;

/**
 * A directory that becomes one layer: what a COPY, an ADD or a WORKDIR
 * adds to the image, laid out as it will be in the container's root.
 *
 * <p>A layer's directory shadows the same directory below it, mode and
 * owner included (the union shows the topmost one). So each directory the
 * new files go into is made here with the mode, owner and time it has in
 * the image; one that the image does not have yet gets {@code 0755} and the
 * copy's owner, as Docker gives it.
 */
final class LayerTree implements AutoCloseable {

    private final Path dir;
    private final ImageFiles image;
    /** Directories taken over from the image, and their time, put back at the end: adding to one changes it. */
    private final Map<Path, FileTime> times = new LinkedHashMap<>();

    LayerTree(Path root, ImageFiles image) throws IOException {
        this.dir = Files.createTempDirectory(Scratch.dir(root), "layer-tree-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.image = image;
    }

    /** The tree's root: the container's {@code /}. */
    Path root() {
        return dir;
    }

    /**
     * The directory {@code resolved} (a path of the image without links,
     * from {@link ImageFiles#resolve}) in this tree, with its parents, made
     * as described above; {@code owner} owns those the image lacks.
     */
    Path directory(String resolved, Ownership owner) throws IOException {
        Path current = dir;
        StringBuilder path = new StringBuilder();
        for (String part : resolved.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(path.length() == 0 ? "" : "/").append(part);
            current = current.resolve(part);
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new DockerfileException("cannot copy into /" + path + ": it is not a directory");
            }
            Optional<Path> below = image.find(path.toString());
            if (below.isPresent() && !Files.isDirectory(below.get(), LinkOption.NOFOLLOW_LINKS)) {
                throw new DockerfileException("cannot copy into /" + path + ": the image has a file there, "
                        + "not a directory");
            }
            Files.createDirectory(current);
            if (below.isPresent()) {
                Map<String, Object> attrs = Files.readAttributes(below.get(), "unix:mode,uid,gid,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                setOwner(current, new Ownership((Integer) attrs.get("uid"), (Integer) attrs.get("gid")));
                Files.setAttribute(current, "unix:mode", (Integer) attrs.get("mode") & 07777);
                times.put(current, (FileTime) attrs.get("lastModifiedTime"));
            } else {
                setOwner(current, owner);
                Files.setAttribute(current, "unix:mode", 0755);
            }
        }
        return current;
    }

    /** Puts back the times of the directories taken over from the image, deepest first. */
    void finish() throws IOException {
        List<Path> dirs = new ArrayList<>(times.keySet());
        Collections.reverse(dirs);
        for (Path d : dirs) {
            Files.setLastModifiedTime(d, times.get(d));
        }
    }

    static void setOwner(Path path, Ownership owner) throws IOException {
        Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() throws IOException {
        Trees.delete(dir);
    }
}
