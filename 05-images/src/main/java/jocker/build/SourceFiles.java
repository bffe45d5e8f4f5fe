package jocker.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where COPY and ADD take files from: the build context (less what
 * {@code .dockerignore} leaves out) or, with {@code --from}, an earlier
 * stage's or another image's files. Paths are relative to its root,
 * {@code /}-separated, {@code ""} for the root itself.
 */
interface SourceFiles {

    /** The file at {@code path}, to read; empty if it is not there (or ignored). */
    Optional<Path> find(String path) throws IOException;

    /** The names in directory {@code path}, sorted; ignored ones left out. */
    Set<String> list(String path) throws IOException;

    /**
     * The paths {@code pattern} matches: each of its parts may hold Go's
     * {@code filepath.Match} wildcards ({@code *}, {@code ?}, {@code [a-z]}).
     */
    default List<String> glob(String pattern) throws IOException {
        List<String> current = List.of("");
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            List<String> next = new ArrayList<>();
            boolean wild = part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
            Pattern regex = wild ? DockerIgnore.compile(part) : null;
            for (String base : current) {
                String prefix = base.isEmpty() ? "" : base + "/";
                if (!wild) {
                    next.add(prefix + part);
                    continue;
                }
                for (String name : list(base)) {
                    if (regex.matcher(name).matches()) {
                        next.add(prefix + name);
                    }
                }
            }
            current = next;
        }
        List<String> found = new ArrayList<>();
        for (String path : current) {
            if (find(path).isPresent()) {
                found.add(path);
            }
        }
        return found;
    }

    /** The build context directory {@code dir}, filtered by {@code ignore}. */
    static SourceFiles context(Path dir, DockerIgnore ignore) {
        return new SourceFiles() {
            @Override
            public Optional<Path> find(String path) {
                if (!path.isEmpty() && ignore.ignores(path)) {
                    return Optional.empty();
                }
                Path file = dir.resolve(path);
                return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
            }

            @Override
            public Set<String> list(String path) throws IOException {
                Set<String> names = new TreeSet<>();
                Path d = dir.resolve(path);
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    return names;
                }
                try (Stream<Path> children = Files.list(d)) {
                    children.map(c -> c.getFileName().toString())
                            .filter(n -> !ignore.ignores(path.isEmpty() ? n : path + "/" + n))
                            .forEach(names::add);
                }
                return names;
            }
        };
    }

    /** The files of an image, through its layers; links on the way are followed inside it. */
    static SourceFiles image(ImageFiles files) {
        return new SourceFiles() {
            @Override
            public Optional<Path> find(String path) throws IOException {
                if (path.isEmpty()) {
                    return Optional.empty();
                }
                int slash = path.lastIndexOf('/');
                String parent = files.resolve("/" + (slash < 0 ? "" : path.substring(0, slash)), true);
                String name = path.substring(slash + 1);
                return files.find(parent.isEmpty() ? name : parent + "/" + name);
            }

            @Override
            public Set<String> list(String path) throws IOException {
                String resolved = files.resolve("/" + path, true);
                return files.isDirectory(resolved) ? files.list(resolved) : Set.of();
            }
        };
    }
}
