package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jocker.course.book.BookSources.Block;
import jocker.course.book.BookSources.Include;
import jocker.course.book.BookSources.Listing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The book's listings of the reference code: each says which file it comes
 * from, fits the PDF's code column, and keeps the answers to the exercises
 * out of sight.
 */
@DisplayName("The book's listings")
class BookListingsTest {

    /**
     * The characters of one line of code that fit the PDF's code column:
     * 475.3pt at 8pt DejaVu Sans Mono, 4.816pt a character
     * (chapters/themes/jocker-theme.yml shows the sum).
     */
    static final int PDF_CODE_COLUMNS = 98;

    private static final Pattern SPOILER = Pattern.compile("Reference answer to exercise (.+) \\(spoiler\\)");

    @Test
    @DisplayName("the book has listings from solutions/ (so that the checks below see them)")
    void listingsAreFound() {
        assertThat(BookSources.listings()).hasSizeGreaterThan(50);
    }

    @Test
    @DisplayName("every listing from solutions/ has a title naming each file it includes")
    void titlesNameTheFile() {
        List<String> missing = new ArrayList<>();
        for (Listing listing : BookSources.listings()) {
            String title = listing.block().title();
            for (Include include : listing.includes()) {
                if (title == null || !title.contains("solutions/" + include.path())) {
                    missing.add(listing.where() + ": title " + (title == null ? "missing" : "'" + title + "'")
                            + " does not name solutions/" + include.path());
                }
            }
        }
        assertThat(missing).as("write the path as the listing's title, e.g. .`solutions/01-chroot/...`")
                .isEmpty();
    }

    @Test
    @DisplayName("no included line of code is wider than the PDF's code column")
    void linesFitTheColumn() {
        Set<String> tooLong = new TreeSet<>();
        for (Listing listing : BookSources.listings()) {
            for (Include include : listing.includes()) {
                BookSources.includedLines(include).forEach((n, line) -> {
                    if (line.length() > PDF_CODE_COLUMNS) {
                        tooLong.add("solutions/" + include.path() + ":" + n + " (" + line.length()
                                + " characters, in " + listing.where() + ")");
                    }
                });
            }
        }
        assertThat(tooLong).as("lines longer than " + PDF_CODE_COLUMNS
                + " characters (after indent=0) wrap in the PDF: break them, then regenerate the skeletons")
                .isEmpty();
    }

    @Test
    @DisplayName("no line of a literal block (....) is wider than the PDF's code column")
    void literalBlocksFitTheColumn() {
        List<String> tooLong = new ArrayList<>();
        for (Path file : BookSources.bookFiles()) {
            List<String> lines = BookSources.lines(file);
            String open = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (open != null) {
                    if (line.equals(open)) {
                        open = null;
                    } else if (open.startsWith(".") && line.length() > PDF_CODE_COLUMNS) {
                        tooLong.add(file.getFileName() + ":" + (i + 1) + " (" + line.length() + " characters)");
                    }
                } else if (line.matches("-{4,}|\\.{4,}|\\+{4,}")) {
                    open = line;
                }
            }
        }
        assertThat(tooLong).as("shorten these lines (cut output with ...), or they wrap in the PDF").isEmpty();
    }

    @Test
    @DisplayName("a listing that shows an exercise's answer is folded away: in a spoiler block for the web,"
            + " in the answers appendix for the PDF")
    void answersAreFolded() {
        List<String> exposed = new ArrayList<>();
        for (Listing listing : BookSources.listings()) {
            Set<String> answers = answersIn(listing);
            if (answers.isEmpty() || listing.file().getFileName().toString().equals("answers.adoc")) {
                continue;
            }
            Block spoiler = listing.enclosing().stream()
                    .filter(b -> b.delimiter().startsWith("=") && b.collapsible() && b.title() != null
                            && SPOILER.matcher(b.title()).matches())
                    .findFirst().orElse(null);
            if (spoiler == null) {
                exposed.add(listing.where() + " shows the answer to " + answers
                        + " outside a [%collapsible] block titled 'Reference answer to exercise N.M (spoiler)'");
                continue;
            }
            Matcher title = SPOILER.matcher(spoiler.title());
            title.matches();
            for (String exercise : answers) {
                if (!title.group(1).contains(exercise)) {
                    exposed.add(listing.where() + ": the spoiler's title does not name exercise " + exercise);
                }
            }
            if (!spoiler.conditions().contains("ifndef::backend-pdf[]")) {
                exposed.add(listing.where() + ": the spoiler block is not under ifndef::backend-pdf[]:"
                        + " the PDF would print it open");
            }
        }
        assertThat(exposed).isEmpty();
    }

    @Test
    @DisplayName("every answer folded away in a chapter is in the answers appendix, for the PDF")
    void foldedAnswersAreInTheAppendix() {
        List<Listing> listings = BookSources.listings();
        Set<String> inAppendix = listings.stream()
                .filter(l -> l.file().getFileName().toString().equals("answers.adoc"))
                .flatMap(l -> l.includes().stream())
                .map(i -> i.path() + "[" + i.attributes() + "]")
                .collect(Collectors.toSet());
        List<String> missing = listings.stream()
                .filter(l -> !l.file().getFileName().toString().equals("answers.adoc"))
                .filter(l -> l.enclosing().stream().anyMatch(Block::collapsible))
                .flatMap(l -> l.includes().stream().map(i -> l.where() + ": " + i.path() + "[" + i.attributes() + "]"))
                .filter(s -> !inAppendix.contains(s.substring(s.indexOf(": ") + 2)))
                .toList();
        assertThat(missing).as("add these listings to chapters/answers.adoc").isEmpty();
    }

    @Test
    @DisplayName("every cross-reference of the book names an anchor that exists")
    void crossReferencesResolve() {
        Set<String> anchors = new TreeSet<>();
        Pattern anchor = Pattern.compile("\\[\\[([\\w.-]+)(,[^\\]]*)?\\]\\]|^\\[#([\\w.-]+)[\\].%]",
                Pattern.MULTILINE);
        Pattern xref = Pattern.compile("<<([\\w.-]+)(,[^>]*)?>>|xref:([\\w.-]+)\\[");
        Map<Path, String> texts = BookSources.bookFiles().stream()
                .collect(Collectors.toMap(p -> p, p -> String.join("\n", BookSources.lines(p))));
        texts.values().forEach(text -> {
            Matcher m = anchor.matcher(text);
            while (m.find()) {
                anchors.add(m.group(1) != null ? m.group(1) : m.group(3));
            }
        });
        List<String> dangling = new ArrayList<>();
        texts.forEach((file, text) -> {
            Matcher m = xref.matcher(text);
            while (m.find()) {
                String id = m.group(1) != null ? m.group(1) : m.group(3);
                if (!anchors.contains(id)) {
                    dangling.add(file.getFileName() + ": <<" + id + ">>");
                }
            }
        });
        assertThat(anchors).hasSizeGreaterThan(50);
        assertThat(dangling).isEmpty();
    }

    /** The exercises whose regions the listing's includes overlap. */
    private static Set<String> answersIn(Listing listing) {
        Set<String> answers = new TreeSet<>();
        for (Include include : listing.includes()) {
            Map<Integer, String> exercises = BookSources.exerciseLines(BookSources.source(include));
            for (Integer line : BookSources.includedLines(include).keySet()) {
                if (exercises.containsKey(line)) {
                    answers.add(exercises.get(line));
                }
            }
        }
        return answers;
    }
}
