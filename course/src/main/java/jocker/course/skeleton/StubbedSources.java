package jocker.course.skeleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import jocker.course.Exercise;

/**
 * A chapter's reference sources with a chosen set of exercises stubbed, the
 * others left as the reference has them: the student skeleton is the case
 * "all exercises", the reference the case "none". The mutation and prefix
 * checks ({@code jocker.course.mutation}) compile such variants; a grader can
 * use them to stand in for the exercises a student has not reached.
 *
 * <pre>{@code
 * StubbedSources sources = StubbedSources.read(Path.of("solutions/01-chroot/src/main"));
 * sources.exercises();                              // [1.1, 1.2, ..., 1.6], book order
 * sources.write(Set.of("1.2", "1.3"), dir, false);  // only the Java files that change
 * }</pre>
 */
public final class StubbedSources {

    /**
     * Exercise ids in book order: by their dot-separated parts, numerically
     * where both parts are numbers, so 1.2 &lt; 1.10 and 1.10 &lt; 2.1.
     */
    public static final Comparator<String> BOOK_ORDER = Exercise.BOOK_ORDER;

    private final Path solutionMain;
    /** Java files with at least one region: path relative to src/main to the reference text. */
    private final SortedMap<String, String> withRegions;
    private final List<Region> regions;

    private StubbedSources(Path solutionMain, SortedMap<String, String> withRegions, List<Region> regions) {
        this.solutionMain = solutionMain;
        this.withRegions = withRegions;
        this.regions = regions;
    }

    /**
     * Reads the Java files under {@code solutionMain} ({@code solutions/0N-* /src/main}).
     *
     * @throws IllegalArgumentException on a malformed region, with the generator's message
     */
    public static StubbedSources read(Path solutionMain) throws IOException {
        SkeletonTree tree;
        try {
            tree = SkeletonTree.generate(solutionMain, "");
        } catch (SkeletonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SortedMap<String, String> texts = new TreeMap<>();
        for (Region region : tree.regions()) {
            texts.computeIfAbsent(region.file(), file -> readString(solutionMain.resolve(file)));
        }
        return new StubbedSources(solutionMain, texts, tree.regions());
    }

    /** The chapter's exercise ids, each once, in book order. */
    public List<String> exercises() {
        return regions.stream().map(Region::id).distinct().sorted(BOOK_ORDER).toList();
    }

    /** The exercises after {@code id} in book order. */
    public List<String> after(String id) {
        return exercises().stream().filter(other -> BOOK_ORDER.compare(other, id) > 0).toList();
    }

    /** The Java files (relative to src/main, {@code /}-separated) that hold a region of one of {@code ids}. */
    public List<String> filesOf(Collection<String> ids) {
        return regions.stream().filter(region -> ids.contains(region.id())).map(Region::file).distinct().sorted()
                .toList();
    }

    /**
     * The text of each Java file that differs from the reference once
     * {@code ids} are stubbed, by path relative to src/main.
     */
    public SortedMap<String, String> stubbed(Set<String> ids) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String file : filesOf(ids)) {
            try {
                out.put(file, SkeletonTransformer.transform(file, withRegions.get(file), ids::contains).text());
            } catch (SkeletonException e) {
                throw new IllegalStateException(e); // read() parsed the same text
            }
        }
        return out;
    }

    /**
     * Writes the variant with {@code ids} stubbed under {@code dir}: the
     * changed Java files only, or with {@code everything} the whole
     * {@code src/main} tree (resources included), as a workspace would hold it.
     *
     * @return the files written, relative to {@code dir}
     */
    public List<Path> write(Set<String> ids, Path dir, boolean everything) throws IOException {
        SortedMap<String, String> changed = stubbed(ids);
        List<Path> written = new ArrayList<>();
        if (everything) {
            try (Stream<Path> all = Files.walk(solutionMain)) {
                for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = solutionMain.relativize(file).toString().replace('\\', '/');
                    if (!changed.containsKey(relative)) {
                        Path target = dir.resolve(relative);
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        written.add(Path.of(relative));
                    }
                }
            }
        }
        for (var file : changed.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            written.add(Path.of(file.getKey()));
        }
        written.sort(Comparator.naturalOrder());
        return written;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
