package jocker.course.book.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns the book as Asciidoctor renders it, one long HTML page, into a web
 * site a reader can use offline: an index page, one page per chapter (and per
 * preface or appendix) with previous and next links, a table of contents that
 * follows the reader, a search page over an index built here, dark mode, copy
 * buttons, and the instructor guide as one more page.
 *
 * <pre>
 * target/site/
 *   index.html              title, description, contents
 *   preface.html            one page per top-level section of the book,
 *   ch01-chroot.html ...    named after its id
 *   instructor-guide.html
 *   search.html             search.html?q=pivot_root
 *   book.pdf                when there is one to copy
 *   images/                 the figures
 *   assets/                 book.css, theme.js, book.js, search.js, search-index.js
 * </pre>
 *
 * <p>Nothing on a page comes from the network. After writing the site it
 * checks it ({@link SiteChecks}): every internal link must lead to a page and
 * an anchor that exist, and no page, style sheet or script may load anything
 * from another machine. A failed check is a {@link SiteException}, and the
 * build fails with its list of problems.
 */
public final class SiteGenerator {

    static final String GUIDE_FILE = "instructor-guide.html";
    static final String PDF_FILE = "book.pdf";
    static final List<String> ASSETS = List.of("book.css", "theme.js", "book.js", "search.js");

    private final List<String> notes = new ArrayList<>();

    /** What {@link #generate} made. */
    public record Site(Path dir, String title, List<String> pages, List<String> notes) {
    }

    /**
     * {@code SiteGenerator <book.html> <out dir> [--guide <instructor-guide.html>] [--pdf <book.pdf>]
     * [--browser-check <search word>] [--screenshots <dir>]}: writes the site, checks it, and with
     * {@code --browser-check} opens it in Chromium too when Chromium is installed
     * ({@link BrowserCheck}; the search for the word must find something). Exits 1
     * when a check fails.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: SiteGenerator <book.html> <out dir> [--guide <instructor-guide.html>]"
                    + " [--pdf <book.pdf>] [--browser-check <search word>] [--screenshots <dir>]");
            System.exit(2);
        }
        Path book = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path guide = null;
        Path pdf = null;
        String browserCheck = null;
        Path screenshots = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--guide" -> guide = Path.of(args[++i]);
                case "--pdf" -> pdf = Path.of(args[++i]);
                case "--browser-check" -> browserCheck = args[++i];
                case "--screenshots" -> screenshots = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        try {
            Site site = generate(book, guide, pdf, out);
            site.notes().forEach(note -> System.out.println("[site] note: " + note));
            System.out.println("[site] " + site.pages().size() + " pages in " + out
                    + "; links and local-only resources checked");
            if (browserCheck != null) {
                BrowserCheck.Result result = BrowserCheck.runIfAvailable(out, browserCheck, screenshots);
                System.out.println("[site] browser check: " + result.summary());
            }
        } catch (SiteException e) {
            System.err.println("[site] " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the site into {@code outDir} (emptied first) and checks it.
     *
     * @param guideHtml the instructor guide as Asciidoctor rendered it, or null
     * @param pdf       the book's PDF, copied into the site when it exists, or null
     */
    public static Site generate(Path bookHtml, Path guideHtml, Path pdf, Path outDir) throws IOException {
        return new SiteGenerator().write(bookHtml, guideHtml, pdf, outDir);
    }

    private Site write(Path bookHtml, Path guideHtml, Path pdf, Path outDir) throws IOException {
        Document book = parse(bookHtml);
        Element header = book.getElementById("header");
        Element content = book.getElementById("content");
        if (header == null || content == null || header.selectFirst("> h1") == null) {
            throw new SiteException("not a book rendered by Asciidoctor", List.of(bookHtml
                    + " has no #header with an h1, or no #content (render it standalone, with doctype book)"));
        }
        String title = header.selectFirst("> h1").text();
        Element meta = book.selectFirst("meta[name=description]");
        String description = meta == null ? "" : meta.attr("content");
        Element author = header.selectFirst(".author");

        List<String> problems = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        for (Element sect1 : content.select("> div.sect1")) {
            pages.add(chapter(sect1));
        }
        if (pages.isEmpty()) {
            throw new SiteException("the book has no chapters", List.of(bookHtml + " has no level-1 sections"));
        }
        moveFootnotes(book, pages);
        Element preamble = content.selectFirst("> #preamble");

        Page guide = null;
        if (guideHtml != null && Files.exists(guideHtml)) {
            guide = guide(parse(guideHtml));
        }

        // Every id of the book, and the page it is on; the guide links only within itself.
        Map<String, String> bookAnchors = new LinkedHashMap<>();
        if (preamble != null) {
            preamble.select("[id]").forEach(e -> bookAnchors.put(e.id(), "index.html"));
        }
        for (Page page : pages) {
            bookAnchors.put(page.id(), page.file());
            page.content().select("[id]").forEach(e -> bookAnchors.putIfAbsent(e.id(), page.file()));
        }
        for (Page page : pages) {
            prepare(page.content());
            rewriteLinks(page.content(), page, bookAnchors, problems);
        }
        if (preamble != null) {
            prepare(preamble);
            rewriteLinks(preamble, null, bookAnchors, problems);
        }
        if (guide != null) {
            Map<String, String> guideAnchors = new LinkedHashMap<>();
            Page g = guide;
            guide.content().select("[id]").forEach(e -> guideAnchors.putIfAbsent(e.id(), g.file()));
            prepare(guide.content());
            rewriteLinks(guide.content(), guide, guideAnchors, problems);
        }
        if (!problems.isEmpty()) {
            throw new SiteException("the book has cross-references to no anchor", problems);
        }

        clean(outDir);
        Files.createDirectories(outDir.resolve("assets"));
        boolean hasPdf = pdf != null && Files.exists(pdf);
        SiteTemplate template = new SiteTemplate(title, pages, guide != null, hasPdf);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            Page previous = i > 0 ? pages.get(i - 1) : null;
            Page next = i + 1 < pages.size() ? pages.get(i + 1) : null;
            writeFile(outDir.resolve(page.file()), template.chapter(page, previous, next));
            written.add(page.file());
        }
        writeFile(outDir.resolve("index.html"), template.index(description,
                author == null ? "" : author.text(), preamble));
        written.add(0, "index.html");
        if (guide != null) {
            writeFile(outDir.resolve(GUIDE_FILE), template.guide(guide));
            written.add(GUIDE_FILE);
        }
        writeFile(outDir.resolve("search.html"), template.search());
        written.add("search.html");

        for (String asset : ASSETS) {
            try (InputStream in = SiteGenerator.class.getResourceAsStream("assets/" + asset)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource assets/" + asset);
                }
                Files.copy(in, outDir.resolve("assets").resolve(asset));
            }
        }
        List<Page> searched = new ArrayList<>(pages);
        if (guide != null) {
            searched.add(guide);
        }
        writeFile(outDir.resolve("assets/search-index.js"), SearchIndex.script(searched));
        copyTree(bookHtml.toAbsolutePath().getParent().resolve("images"), outDir.resolve("images"));
        if (hasPdf) {
            Files.copy(pdf, outDir.resolve(PDF_FILE), StandardCopyOption.REPLACE_EXISTING);
        }

        List<String> failures = new ArrayList<>(SiteChecks.brokenLinks(outDir));
        failures.addAll(SiteChecks.remoteReferences(outDir));
        if (!failures.isEmpty()) {
            throw new SiteException("the site in " + outDir + " failed its checks", failures);
        }
        return new Site(outDir, title, written, List.copyOf(notes));
    }

    /** A top-level section of the book as a page of its own. */
    private static Page chapter(Element sect1) {
        Element h2 = sect1.selectFirst("> h2");
        String id = h2.id().isEmpty() ? slug(h2.text()) : h2.id();
        h2.id(id);
        List<Page.Section> sections = new ArrayList<>();
        for (Element sect2 : sect1.select("> .sectionbody > .sect2")) {
            Element h3 = sect2.selectFirst("> h3");
            List<Page.Section> children = new ArrayList<>();
            for (Element h4 : sect2.select("> .sect3 > h4")) {
                children.add(new Page.Section(h4.id(), h4.text(), 3, List.of()));
            }
            sections.add(new Page.Section(h3.id(), h3.text(), 2, children));
        }
        sect1.addClass("chapter");
        return new Page(fileName(id), id, h2.text(), sect1, sections);
    }

    /** The instructor guide: its title, its preamble and its sections, on one page. */
    private static Page guide(Document guide) {
        String title = guide.selectFirst("#header > h1").text();
        // Built inside the guide's document, so that it is written with the document's output settings.
        Element article = guide.body().appendElement("div").addClass("guide").attr("id", "guide");
        article.appendElement("h1").text(title);
        for (Element child : List.copyOf(guide.getElementById("content").children())) {
            article.appendChild(child);
        }
        List<Page.Section> sections = new ArrayList<>();
        for (Element sect1 : article.select("> div.sect1")) {
            Element h2 = sect1.selectFirst("> h2");
            List<Page.Section> children = new ArrayList<>();
            for (Element h3 : sect1.select("> .sectionbody > .sect2 > h3")) {
                children.add(new Page.Section(h3.id(), h3.text(), 3, List.of()));
            }
            sections.add(new Page.Section(h2.id(), h2.text(), 2, children));
        }
        return new Page(GUIDE_FILE, "guide", title, article, sections);
    }

    /** Footnotes sit at the end of the one long page: each goes to the page that refers to it. */
    private static void moveFootnotes(Document book, List<Page> pages) {
        Element footnotes = book.getElementById("footnotes");
        if (footnotes == null) {
            return;
        }
        for (Page page : pages) {
            Element list = null;
            for (Element ref : page.content().select("a.footnote[href^=#_footnotedef_]")) {
                Element def = footnotes.getElementById(ref.attr("href").substring(1));
                if (def != null && def.parent() == footnotes) {
                    if (list == null) {
                        list = page.content().appendElement("div").attr("id", "footnotes").addClass("footnotes");
                        list.appendElement("hr");
                    }
                    list.appendChild(def);
                }
            }
        }
    }

    /** Marks up listings, wraps tables for scrolling and turns admonition tables into plain boxes. */
    private void prepare(Element root) {
        for (Element code : root.select("pre > code[data-lang]")) {
            String lang = code.attr("data-lang");
            Element pre = code.parent();
            if (lang.equals("console") || lang.startsWith("console?")) {
                try {
                    ConsoleMarkup.markUp(code);
                    pre.addClass("console");
                } catch (IllegalArgumentException e) {
                    notes.add("a console listing that is not a transcript is shown as plain text ("
                            + e.getMessage() + ")");
                    pre.addClass("plain-console");
                }
            } else if (lang.equals("java")) {
                JavaHighlighter.highlight(code);
            }
        }
        for (Element code : root.select("code")) {
            if (code.closest("pre") == null) {
                BreakPoints.add(code);
            }
        }
        for (Element table : root.select("table.tableblock")) {
            int columns = table.select("> colgroup > col").size();
            table.addClass("cols-" + columns);
            table.wrap("<div class=\"table-scroll\"></div>");
        }
        for (Element block : root.select("div.admonitionblock")) {
            Element label = block.selectFirst("td.icon .title");
            Element body = block.selectFirst("td.content");
            Element table = block.selectFirst("> table");
            if (label == null || body == null || table == null) {
                continue;
            }
            Element box = new Element("div").addClass("admonition-label").text(label.text());
            Element inner = new Element("div").addClass("content");
            inner.insertChildren(0, body.childNodesCopy());
            table.replaceWith(box);
            box.after(inner);
            block.attr("role", "note");
        }
    }

    /** {@code #anchor} becomes {@code page.html#anchor} when the anchor is on another page. */
    private static void rewriteLinks(Element root, Page page, Map<String, String> anchors, List<String> problems) {
        String here = page == null ? "index.html" : page.file();
        for (Element link : root.select("a[href^=#]")) {
            String id = link.attr("href").substring(1);
            String target = anchors.get(id);
            if (target == null) {
                problems.add(here + ": a link to #" + id + " (\"" + link.text() + "\"), which no page has");
            } else if (!target.equals(here)) {
                // A link to a chapter's own heading goes to the top of its page.
                boolean top = target.equals(fileName(id));
                link.attr("href", top ? target : target + "#" + id);
            }
        }
    }

    /** Parses a page; it is written back as it was, without re-indenting (listings keep every space). */
    private static Document parse(Path html) throws IOException {
        Document document = Jsoup.parse(html.toFile(), "UTF-8");
        document.outputSettings().prettyPrint(false);
        return document;
    }

    static String fileName(String id) {
        String name = id.startsWith("_") ? id.substring(1) : id;
        return slug(name) + ".html";
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "page" : s;
    }

    private static void writeFile(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
