package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a container changed against its image, read from its upper layer:
 * the answer to {@code jocker diff}. The upper layer holds nothing but
 * changes; the lower ones tell an addition from a change.
 */
public final class Changes {

    private Changes() {
    }

    /** The changes in {@code upper} over {@code lower}, parents before children. */
    public static List<Change> of(Path upper, LowerView lower) throws IOException {
        List<Change> changes = new ArrayList<>();
        walk(upper, Path.of(""), lower, changes);
        changes.sort(Change.BY_PATH);
        return changes;
    }

    private static void walk(Path upper, Path dir, LowerView lower, List<Change> changes) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(upper.resolve(dir.toString()))) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            Path path = dir.resolve(child.getFileName().toString());
            classify(child, path, lower, changes);
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                walk(upper, path, lower, changes);
            }
        }
    }

    // tag::classify[]
    /**
     * The changes that {@code entry}, the upper layer's version of
     * {@code path}, stands for.
     */
    static void classify(Path entry, Path path, LowerView lower, List<Change> changes)
            throws IOException {
        String shown = "/" + path;
        // begin exercise 4.6: a whiteout is a deletion (D) of what is below.
        //   Anything else is a change (C) if the path is in the lower layers, an
        //   addition (A) if not. An opaque directory over a lower directory also
        //   deletes every name of that lower directory which the upper one does not
        //   have again.
        if (Whiteouts.isWhiteout(entry)) {
            if (lower.exists(path)) {
                changes.add(new Change(Change.DELETED, shown));
            }
            return;
        }
        boolean below = lower.exists(path);
        changes.add(new Change(below ? Change.CHANGED : Change.ADDED, shown));
        if (below && Whiteouts.isOpaque(entry)) {
            for (String name : lower.list(path)) {
                if (!Files.exists(entry.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    changes.add(new Change(Change.DELETED, shown + "/" + name));
                }
            }
        }
        // end exercise 4.6
    }
    // end::classify[]
}
