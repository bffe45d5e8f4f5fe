package jocker.course.book.site;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Lets long inline code break where a reader expects it: after the slashes
 * of a path, the dots of a qualified name, underscores and equals signs.
 * {@code /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots}
 * is one word to a browser, which would widen its table column or the page;
 * a {@code <wbr>} after each separator gives it places to break, and copies
 * as nothing.
 */
final class BreakPoints {

    /** Shorter code never needs to break. */
    private static final int MIN_LENGTH = 16;
    private static final String AFTER = "/._=,:";

    private BreakPoints() {
    }

    static void add(Element code) {
        if (code.text().length() < MIN_LENGTH) {
            return;
        }
        for (Node child : List.copyOf(code.childNodes())) {
            if (child instanceof TextNode text) {
                split(code, text);
            } else if (child instanceof Element element) {
                add(element);
            }
        }
    }

    private static void split(Element parent, TextNode text) {
        String s = text.getWholeText();
        int index = text.siblingIndex();
        int start = 0;
        Element holder = new Element("span");
        for (int i = 0; i < s.length() - 1; i++) {
            if (AFTER.indexOf(s.charAt(i)) >= 0 && AFTER.indexOf(s.charAt(i + 1)) < 0 && i > 0) {
                holder.appendText(s.substring(start, i + 1));
                holder.appendElement("wbr");
                start = i + 1;
            }
        }
        if (start == 0) {
            return;
        }
        holder.appendText(s.substring(start));
        parent.insertChildren(index, List.copyOf(holder.childNodes()));
        text.remove();
    }
}
