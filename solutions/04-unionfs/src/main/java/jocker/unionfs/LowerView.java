package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The union of an image's layers as overlayfs shows it, computed in Java from
 * the layer directories: what {@code jocker diff} compares a container's
 * upper layer against, without mounting anything.
 *
 * <p>A name is looked up from the topmost layer down. A whiteout hides it in
 * every layer below; a file hides it too; directories of the same name
 * merge, down to the first one that is opaque.
 */
public final class LowerView {

    private final List<Path> topFirst;

    /** @param layers the layer directories, bottom first, as an image lists them */
    public LowerView(List<Path> layers) {
        List<Path> reversed = new ArrayList<>(layers);
        Collections.reverse(reversed);
        this.topFirst = List.copyOf(reversed);
    }

    // tag::lookup[]
    /**
     * The layer directories that make up {@code path} (relative, such as
     * {@code etc/passwd}) in the union, topmost first: empty if it is not
     * there; one entry for a file; one or more for a directory.
     */
    public List<Path> lookup(Path path) throws IOException {
        List<Path> candidates = new ArrayList<>(topFirst); // at the root, every layer's root merges
        List<String> parts = path.toString().isEmpty() ? List.of() : names(path);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            List<Path> found = new ArrayList<>();
            // begin exercise 4.5: look part up in each candidate directory, topmost
            //   first. A missing name: next layer. A whiteout: nothing from here down.
            //   A directory: add it, and stop if it is opaque. Anything else (a file, a
            //   link): it is the answer if nothing was found above it, and nothing below
            //   counts.
            for (Path candidate : candidates) {
                Path p = candidate.resolve(part);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Whiteouts.isWhiteout(p)) {
                    break;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                    if (Whiteouts.isOpaque(p)) {
                        break;
                    }
                    continue;
                }
                if (found.isEmpty()) {
                    found.add(p);
                }
                break;
            }
            // end exercise 4.5
            if (found.isEmpty()) {
                return List.of();
            }
            if (!Files.isDirectory(found.get(0), LinkOption.NOFOLLOW_LINKS)) {
                return i == parts.size() - 1 ? found : List.of(); // nothing is below a file
            }
            candidates = found;
        }
        return candidates;
    }
    // end::lookup[]

    private static List<String> names(Path path) {
        List<String> names = new ArrayList<>();
        path.forEach(p -> names.add(p.toString()));
        return names;
    }

    /** Whether {@code path} is there, as a file, link, directory or anything else. */
    public boolean exists(Path path) throws IOException {
        return !lookup(path).isEmpty();
    }

    /** The topmost version of {@code path}, if it is there. */
    public Optional<Path> find(Path path) throws IOException {
        return lookup(path).stream().findFirst();
    }

    /** The names in directory {@code path} of the union, sorted; empty if it is not a directory. */
    public Set<String> list(Path path) throws IOException {
        List<Path> dirs = lookup(path);
        TreeMap<String, Boolean> visible = new TreeMap<>(); // name -> shown (false: whited out above)
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Set.of();
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    visible.putIfAbsent(child.getFileName().toString(), !Whiteouts.isWhiteout(child));
                }
            }
        }
        TreeSet<String> names = new TreeSet<>();
        visible.forEach((name, shown) -> {
            if (shown) {
                names.add(name);
            }
        });
        return names;
    }
}
