package jocker.course.book.site;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * The frame around every page of the site: the top bar (menu button, book
 * title, search box, dark-mode toggle), the table of contents on the left,
 * and the page itself. Everything it refers to is a file of the site.
 */
final class SiteTemplate {

    // Icons are inline SVG, drawn here, in the text colour: no icon font to load.
    private static final String MENU_ICON = "<svg viewBox=\"0 0 16 16\" aria-hidden=\"true\"><path d=\"M2 4h12M2 8h12M2 12h12\"/></svg>";
    private static final String SEARCH_ICON = "<svg viewBox=\"0 0 16 16\" aria-hidden=\"true\"><circle cx=\"6.5\" cy=\"6.5\" r=\"4.5\"/><path d=\"M10 10l4.5 4.5\"/></svg>";
    private static final String THEME_ICON = "<svg viewBox=\"0 0 16 16\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" r=\"6\"/><path class=\"fill\" d=\"M8 2a6 6 0 0 1 0 12z\"/></svg>";

    private final String bookTitle;
    private final List<Page> pages;
    private final boolean hasGuide;
    private final boolean hasPdf;

    SiteTemplate(String bookTitle, List<Page> pages, boolean hasGuide, boolean hasPdf) {
        this.bookTitle = bookTitle;
        this.pages = pages;
        this.hasGuide = hasGuide;
        this.hasPdf = hasPdf;
    }

    String chapter(Page page, Page previous, Page next) {
        StringBuilder main = new StringBuilder();
        main.append("<article class=\"page-content\">").append(html(page.content())).append("</article>\n");
        main.append(pager(previous == null ? "index.html" : previous.file(),
                previous == null ? "Contents" : previous.title(),
                next == null ? null : next.file(), next == null ? null : next.title()));
        return frame(page.title() + " · " + bookTitle, "chapter", sidebar(page, null), main.toString(), "");
    }

    String index(String description, String author, Element preamble) {
        StringBuilder main = new StringBuilder();
        main.append("<article class=\"page-content cover\">\n<h1>").append(esc(bookTitle)).append("</h1>\n");
        if (!description.isEmpty()) {
            main.append("<p class=\"description\">").append(esc(description)).append("</p>\n");
        }
        if (!author.isEmpty()) {
            main.append("<p class=\"author\">").append(esc(author)).append("</p>\n");
        }
        Page first = pages.get(0);
        main.append("<p class=\"start\"><a class=\"button\" href=\"").append(first.file()).append("\">Start reading: ")
                .append(esc(first.title())).append("</a></p>\n");
        if (preamble != null) {
            main.append(html(preamble));
        }
        main.append("<section class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol class=\"contents-list\">\n");
        for (Page page : pages) {
            main.append("<li><a href=\"").append(page.file()).append("\">").append(esc(page.title())).append("</a>");
            if (!page.sections().isEmpty()) {
                main.append("\n<ol>");
                for (Page.Section section : page.sections()) {
                    main.append("<li><a href=\"").append(page.file()).append('#').append(esc(section.id())).append("\">")
                            .append(esc(section.title())).append("</a></li>");
                }
                main.append("</ol>\n");
            }
            main.append("</li>\n");
        }
        main.append("</ol>\n</section>\n");
        main.append("<section class=\"more\" aria-labelledby=\"more\">\n<h2 id=\"more\">Also here</h2>\n<ul>\n");
        if (hasGuide) {
            main.append("<li><a href=\"").append(SiteGenerator.GUIDE_FILE).append("\">The instructor guide</a>:"
                    + " how the workspaces are made from the reference code, how grading works, how to add an exercise.</li>\n");
        }
        if (hasPdf) {
            main.append("<li><a href=\"").append(SiteGenerator.PDF_FILE).append("\">The book as one PDF</a>, for printing.</li>\n");
        }
        main.append("<li><a href=\"search.html\">Search the book</a>.</li>\n</ul>\n</section>\n</article>\n");
        main.append(pager(null, null, first.file(), first.title()));
        return frame(bookTitle, "index", sidebar(null, null), main.toString(), "");
    }

    String guide(Page guide) {
        String main = "<article class=\"page-content\">" + html(guide.content()) + "</article>\n";
        return frame(guide.title() + " · " + bookTitle, "guide", sidebar(null, guide), main, "");
    }

    String search() {
        String main = """
                <article class="page-content search-page">
                <h1>Search</h1>
                <form class="search-form" action="search.html" role="search">
                <input id="search-input" type="search" name="q" autocomplete="off" spellcheck="false" aria-label="Search the book" placeholder="Words, commands, names: pivot_root, memory.max, whiteout">
                <button type="submit">Search</button>
                </form>
                <p id="search-status" class="search-status" role="status"></p>
                <ol id="search-results" class="search-results"></ol>
                <noscript><p>Searching needs JavaScript. The <a href="index.html">contents</a> list every section.</p></noscript>
                </article>
                """;
        String scripts = "<script src=\"assets/search-index.js\"></script>\n<script src=\"assets/search.js\"></script>\n";
        return frame("Search · " + bookTitle, "search", sidebar(null, null), main, scripts);
    }

    private String frame(String title, String kind, String sidebar, String main, String scripts) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light dark\">\n"
                + "<title>" + esc(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"assets/book.css\">\n"
                + "<script src=\"assets/theme.js\"></script>\n"
                + "</head>\n<body class=\"" + kind + "\">\n"
                + "<a class=\"skip\" href=\"#main\">Skip to the text</a>\n"
                + "<header class=\"topbar\">\n"
                + "<button type=\"button\" class=\"menu-toggle\" aria-controls=\"sidebar\" aria-expanded=\"false\" title=\"Contents\">"
                + MENU_ICON + "<span class=\"label\">Contents</span></button>\n"
                + "<a class=\"book-title\" href=\"index.html\">" + esc(bookTitle) + "</a>\n"
                + "<form class=\"quick-search\" action=\"search.html\" role=\"search\">" + SEARCH_ICON
                + "<input type=\"search\" name=\"q\" placeholder=\"Search\" aria-label=\"Search the book\"></form>\n"
                + "<button type=\"button\" class=\"theme-toggle\" title=\"Switch between light and dark\" aria-label=\"Switch between light and dark\">"
                + THEME_ICON + "</button>\n"
                + "</header>\n<div class=\"layout\">\n" + sidebar
                + "<main id=\"main\" class=\"main\">\n" + main + "</main>\n</div>\n"
                + scripts
                + "<script src=\"assets/book.js\"></script>\n</body>\n</html>\n";
    }

    /** The table of contents: every page, and the current page's sections (or the guide's). */
    private String sidebar(Page current, Page guide) {
        StringBuilder nav = new StringBuilder("<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Table of contents\">\n");
        if (guide != null) {
            nav.append("<p class=\"sidebar-back\"><a href=\"index.html\">&larr; The book</a></p>\n");
            nav.append("<p class=\"sidebar-title\"><a href=\"#guide\">").append(esc(guide.title())).append("</a></p>\n");
            nav.append("<ol class=\"toc\">\n");
            appendSections(nav, guide.sections());
            nav.append("</ol>\n");
        } else {
            nav.append("<p class=\"sidebar-title\"><a href=\"index.html\">Contents</a></p>\n<ol class=\"toc\">\n");
            for (Page page : pages) {
                boolean here = page == current;
                nav.append("<li class=\"toc-page").append(here ? " current" : "").append("\"><a href=\"")
                        .append(here ? "#" + esc(page.id()) : page.file()).append('"')
                        .append(here ? " aria-current=\"page\"" : "").append('>').append(esc(page.title())).append("</a>");
                if (here && !page.sections().isEmpty()) {
                    nav.append("\n<ol>\n");
                    appendSections(nav, page.sections());
                    nav.append("</ol>\n");
                }
                nav.append("</li>\n");
            }
            nav.append("</ol>\n");
            nav.append("<ul class=\"sidebar-more\">\n");
            if (hasGuide) {
                nav.append("<li><a href=\"").append(SiteGenerator.GUIDE_FILE).append("\">Instructor guide</a></li>\n");
            }
            if (hasPdf) {
                nav.append("<li><a href=\"").append(SiteGenerator.PDF_FILE).append("\">PDF</a></li>\n");
            }
            nav.append("<li><a href=\"search.html\">Search</a></li>\n</ul>\n");
        }
        return nav.append("</nav>\n").toString();
    }

    private static void appendSections(StringBuilder nav, List<Page.Section> sections) {
        for (Page.Section section : sections) {
            nav.append("<li><a href=\"#").append(esc(section.id())).append("\">").append(esc(section.title())).append("</a>");
            if (!section.children().isEmpty()) {
                nav.append("<ol>");
                appendSections(nav, section.children());
                nav.append("</ol>");
            }
            nav.append("</li>\n");
        }
    }

    private static String pager(String previousFile, String previousTitle, String nextFile, String nextTitle) {
        StringBuilder nav = new StringBuilder("<nav class=\"pager\" aria-label=\"Previous and next page\">\n");
        if (previousFile != null) {
            nav.append("<a class=\"prev\" rel=\"prev\" href=\"").append(previousFile).append("\"><span class=\"dir\">Previous</span>")
                    .append("<span class=\"t\">").append(esc(previousTitle)).append("</span></a>\n");
        }
        if (nextFile != null) {
            nav.append("<a class=\"next\" rel=\"next\" href=\"").append(nextFile).append("\"><span class=\"dir\">Next</span>")
                    .append("<span class=\"t\">").append(esc(nextTitle)).append("</span></a>\n");
        }
        return nav.append("</nav>\n").toString();
    }

    private static String html(Element element) {
        return element.outerHtml();
    }

    static String esc(String text) {
        return Entities.escape(text);
    }
}
