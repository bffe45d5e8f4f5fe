package jocker.course.book.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The search index, built when the site is: every section of every page, and
 * the text of every paragraph, list item, table cell, listing and caption,
 * each with the page and anchor it is at. What is inside a spoiler
 * ({@code <details>}) is left out, all but its title.
 *
 * <pre>
 * window.JOCKER_SEARCH = {
 *   "sections": [{"u": "ch02-namespaces.html#ch02-pivot-root",
 *                 "t": "2.7. pivot_root instead of chroot", "c": "2. Namespaces"}, ...],
 *   "blocks": [[17, "The text of one paragraph ...", "ch02-namespaces.html#an-anchor-or-null"], ...]
 * }
 * </pre>
 *
 * A block's first element is the index of its section. It is a script, not a
 * {@code .json} file: a page opened from {@code file://} may load scripts but
 * not fetch files.
 */
final class SearchIndex {

    static final String VARIABLE = "window.JOCKER_SEARCH";
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final int MAX_BLOCK = 4000;

    private SearchIndex() {
    }

    static String script(List<Page> pages) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode sections = root.putArray("sections");
        ArrayNode blocks = root.putArray("blocks");
        for (Page page : pages) {
            sections.addObject().put("u", page.file()).put("t", page.title()).put("c", page.title());
            int section = sections.size() - 1;
            for (Element e : page.content().getAllElements()) {
                String tag = e.normalName();
                if (HEADINGS.contains(tag)) {
                    if (e.id().isEmpty() || e.id().equals(page.id()) || e.text().equals(page.title())) {
                        continue;
                    }
                    sections.addObject().put("u", page.file() + "#" + e.id()).put("t", e.text()).put("c", page.title());
                    section = sections.size() - 1;
                } else if (isTextBlock(e)) {
                    String text = tag.equals("pre") ? e.wholeText().strip() : e.text().strip();
                    if (text.isEmpty()) {
                        continue;
                    }
                    if (text.length() > MAX_BLOCK) {
                        text = text.substring(0, MAX_BLOCK);
                    }
                    ArrayNode block = blocks.addArray().add(section).add(text);
                    Element anchored = anchoredBlock(e, page);
                    if (anchored == null) {
                        block.addNull();
                    } else {
                        block.add(page.file() + "#" + anchored.id());
                    }
                }
            }
        }
        try {
            return "// The search index of the book, made by jocker.course.book.site.SearchIndex.\n"
                    + VARIABLE + " = " + json.writeValueAsString(root) + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isTextBlock(Element e) {
        if (!e.normalName().equals("summary") && e.closest("details") != null) {
            return false; // a spoiler (an answer behind [%collapsible]) is not given away by the search
        }
        return switch (e.normalName()) {
            case "p", "pre", "dt", "summary" -> true;
            case "div" -> e.hasClass("title");
            default -> false;
        };
    }

    /** The nearest enclosing block with an id of its own (a listing, a table), below the section heading. */
    private static Element anchoredBlock(Element e, Page page) {
        for (Element at = e; at != null && at != page.content(); at = at.parent()) {
            if (!at.id().isEmpty() && !at.normalName().matches("h[1-6]")) {
                return at;
            }
            if (at.normalName().startsWith("div") && at.className().matches("sect\\d.*")) {
                return null;
            }
        }
        return null;
    }
}
