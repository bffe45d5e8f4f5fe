package jocker.course.skeleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The skeleton of a solution's {@code src/main}, file by file, and how a
 * workspace's {@code src/main} differs from it.
 *
 * @param files   the generated files: path relative to {@code src/main} ({@code /}-separated) to bytes
 * @param regions the exercise regions of all its Java files
 */
record SkeletonTree(SortedMap<String, byte[]> files, List<Region> regions) {

    /** How a workspace file differs from the generated one. */
    enum Kind { MISSING, EXTRA, DIFFERENT }

    /** One difference: {@code path} is relative to {@code src/main}. */
    record Change(Kind kind, String path) {
        @Override
        public String toString() {
            return switch (kind) {
                case MISSING -> "missing:   " + path;
                case EXTRA -> "extra:     " + path;
                case DIFFERENT -> "different: " + path;
            };
        }
    }

    /**
     * Generates the skeleton of every file under {@code solutionMain}: Java files stubbed, the rest copied.
     *
     * @param label how messages name {@code solutionMain}, e.g. {@code solutions/01-chroot/src/main/}
     */
    static SkeletonTree generate(Path solutionMain, String label) throws IOException, SkeletonException {
        if (!Files.isDirectory(solutionMain)) {
            throw new SkeletonException("no solution sources at " + solutionMain);
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Region> regions = new ArrayList<>();
        for (Map.Entry<String, Path> file : list(solutionMain).entrySet()) {
            byte[] bytes = Files.readAllBytes(file.getValue());
            if (file.getKey().endsWith(".java")) {
                var result = SkeletonTransformer.transform(label + file.getKey(), new String(bytes, StandardCharsets.UTF_8));
                regions.addAll(result.regions());
                if (!result.regions().isEmpty()) {
                    bytes = result.text().getBytes(StandardCharsets.UTF_8);
                }
            }
            files.put(file.getKey(), bytes);
        }
        return new SkeletonTree(files, List.copyOf(regions));
    }

    /** What differs between this skeleton and the files under {@code workspaceMain}, by path. */
    List<Change> diff(Path workspaceMain) throws IOException {
        SortedMap<String, Path> present = list(workspaceMain);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path there = present.get(file.getKey());
            if (there == null) {
                changes.add(new Change(Kind.MISSING, file.getKey()));
            } else if (!Arrays.equals(file.getValue(), Files.readAllBytes(there))) {
                changes.add(new Change(Kind.DIFFERENT, file.getKey()));
            }
        }
        present.keySet().stream()
                .filter(path -> !files.containsKey(path))
                .forEach(path -> changes.add(new Change(Kind.EXTRA, path)));
        changes.sort(Comparator.comparing(Change::path));
        return changes;
    }

    /** Makes {@code workspaceMain} exactly this skeleton: applies {@code changes} and prunes emptied directories. */
    void write(Path workspaceMain, List<Change> changes) throws IOException {
        for (Change change : changes) {
            Path target = workspaceMain.resolve(change.path());
            if (change.kind() == Kind.EXTRA) {
                Files.delete(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.write(target, files.get(change.path()));
            }
        }
        if (Files.isDirectory(workspaceMain)) {
            try (Stream<Path> all = Files.walk(workspaceMain)) {
                for (Path dir : all.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    if (!dir.equals(workspaceMain) && isEmpty(dir)) {
                        Files.delete(dir);
                    }
                }
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The regular files under {@code root} by relative, {@code /}-separated path; empty if it does not exist. */
    private static SortedMap<String, Path> list(Path root) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                all.filter(Files::isRegularFile)
                        .forEach(file -> files.put(root.relativize(file).toString().replace('\\', '/'), file));
            }
        }
        return files;
    }
}
