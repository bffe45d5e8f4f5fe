package jocker.course.book;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The book's AsciiDoc sources as the checks of this package read them: the
 * delimited blocks of each file (with their titles, attribute lines and the
 * {@code ifdef}/{@code ifndef} around them), the listings that include code
 * from solutions/, and the lines each include brings in, as Asciidoctor
 * selects them ({@code tags=}, {@code indent=0}).
 *
 * <p>Line-based, like AsciiDoc's own block structure: a line of four or more
 * {@code -}, {@code .}, {@code =}, {@code *}, {@code +} or {@code _} (or
 * {@code |===}, {@code --}) opens a block, and the same line closes it.
 */
final class BookSources {

    /** A delimited block: its delimiter, title and attribute lines, and the conditions it sits under. */
    record Block(String delimiter, String title, List<String> attributes, List<String> conditions, int line) {
        boolean collapsible() {
            return attributes.stream().anyMatch(a -> a.contains("%collapsible"));
        }
    }

    /** An {@code include::{solutions}/...[]} line of a listing. */
    record Include(String path, String attributes, int line) {
        List<String> tags() {
            Matcher m = Pattern.compile("tags?=([^,\\]]+)").matcher(attributes);
            return m.find() ? Arrays.asList(m.group(1).split(";")) : List.of();
        }

        boolean indentZero() {
            return attributes.matches("(^|.*,)\\s*indent=0\\s*(,.*|$)");
        }
    }

    /** A listing block that includes code from solutions/, and the blocks around it, outermost first. */
    record Listing(Path file, Block block, List<Block> enclosing, List<Include> includes) {
        String where() {
            return file.getFileName() + ":" + block.line();
        }
    }

    private static final Pattern DELIMITER =
            Pattern.compile("^(-{4,}|\\.{4,}|={4,}|\\*{4,}|\\+{4,}|_{4,}|\\|===|--)$");
    private static final Pattern INCLUDE = Pattern.compile("^include::\\{solutions\\}/([^\\[]+)\\[(.*)\\]$");
    private static final Pattern CONDITION = Pattern.compile("^(ifdef|ifndef|ifeval)::.*\\[.*\\]$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// begin exercise (\\S+):");
    private static final Pattern END = Pattern.compile("^\\s*// end exercise\\b");

    private BookSources() {
    }

    /** The repository's top directory; the test is skipped without it. */
    static Path root() {
        String root = System.getProperty("jocker.source.root");
        assumeTrue(root != null, "requires -Djocker.source.root (set by the build) to find chapters/");
        return Path.of(root);
    }

    /** Every .adoc file of the book: chapters/*.adoc. */
    static List<Path> bookFiles() {
        try (Stream<Path> files = Files.list(root().resolve("chapters"))) {
            return files.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every listing of the book that includes code from solutions/. */
    static List<Listing> listings() {
        List<Listing> listings = new ArrayList<>();
        for (Path file : bookFiles()) {
            listings.addAll(listings(file));
        }
        return listings;
    }

    static List<Listing> listings(Path file) {
        List<Listing> listings = new ArrayList<>();
        List<String> lines = lines(file);
        Deque<Block> open = new ArrayDeque<>();
        Deque<String> conditions = new ArrayDeque<>();
        List<Include> includes = new ArrayList<>();
        String title = null;
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Block top = open.peek();
            boolean verbatim = top != null && (top.delimiter().startsWith("-") || top.delimiter().startsWith(".")
                    || top.delimiter().startsWith("+"));
            if (verbatim && !line.equals(top.delimiter())) {
                Matcher m = INCLUDE.matcher(line);
                if (m.matches() && top.delimiter().startsWith("-")) {
                    includes.add(new Include(m.group(1), m.group(2), i + 1));
                }
                continue;
            }
            if (CONDITION.matcher(line).matches()) {
                conditions.push(line);
                title = null;
                attributes = new ArrayList<>();
            } else if (line.startsWith("endif::")) {
                conditions.pop();
            } else if (DELIMITER.matcher(line).matches()) {
                if (top != null && top.delimiter().equals(line)) {
                    open.pop();
                    if (!includes.isEmpty()) {
                        List<Block> enclosing = new ArrayList<>(open);
                        java.util.Collections.reverse(enclosing);
                        listings.add(new Listing(file, top, enclosing, List.copyOf(includes)));
                    }
                    includes.clear();
                } else {
                    List<String> under = new ArrayList<>(conditions);
                    open.push(new Block(line, title, List.copyOf(attributes), under, i + 1));
                }
                title = null;
                attributes = new ArrayList<>();
            } else if (line.matches("^\\.[^.\\s].*")) {
                title = line.substring(1);
            } else if (line.matches("^\\[.*\\]$")) {
                attributes.add(line);
            } else if (!line.startsWith("//")) {
                title = null;
                attributes = new ArrayList<>();
            }
        }
        return listings;
    }

    /** The solutions/ file an include names. */
    static Path source(Include include) {
        return root().resolve("solutions").resolve(include.path());
    }

    /**
     * The lines an include brings in, keyed by their 1-based line number in
     * the source file: those inside one of its tags (the tag lines
     * themselves left out), with the common indentation removed under
     * {@code indent=0}.
     */
    static Map<Integer, String> includedLines(Include include) {
        List<String> source = lines(source(include));
        List<String> tags = include.tags();
        Map<Integer, String> selected = new LinkedHashMap<>();
        List<String> inside = new ArrayList<>();
        Pattern marker = Pattern.compile("\\b(tag|end)::([\\w.-]+)\\[\\]");
        for (int i = 0; i < source.size(); i++) {
            Matcher m = marker.matcher(source.get(i));
            if (m.find()) {
                if (m.group(1).equals("tag")) {
                    inside.add(m.group(2));
                } else {
                    inside.remove(m.group(2));
                }
            } else if (tags.isEmpty() || inside.stream().anyMatch(tags::contains)) {
                selected.put(i + 1, source.get(i));
            }
        }
        if (include.indentZero()) {
            int indent = selected.values().stream().filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            selected.replaceAll((n, l) -> l.isBlank() ? "" : l.substring(indent));
        }
        return selected;
    }

    /** The exercise of each line of a source file that lies in an exercise region, markers included. */
    static Map<Integer, String> exerciseLines(Path source) {
        Map<Integer, String> exercises = new LinkedHashMap<>();
        String current = null;
        List<String> lines = lines(source);
        for (int i = 0; i < lines.size(); i++) {
            Matcher begin = BEGIN.matcher(lines.get(i));
            if (begin.find()) {
                current = begin.group(1);
            }
            if (current != null) {
                exercises.put(i + 1, current);
            }
            if (END.matcher(lines.get(i)).find()) {
                current = null;
            }
        }
        return exercises;
    }

    /** The ids of every exercise region in solutions/, in the order of the files and their lines. */
    static List<String> exerciseRegions() {
        try (Stream<Path> files = Files.walk(root().resolve("solutions"))) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .sorted()
                    .flatMap(p -> lines(p).stream())
                    .map(BEGIN::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
