package jocker.course.book.site;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * One page of the web book: a chapter, the preface, an appendix, or the
 * instructor guide.
 *
 * @param file     its file name in the site, such as {@code ch01-chroot.html}
 * @param id       the id of its top section, such as {@code ch01-chroot}
 * @param title    its heading as the reader sees it, such as {@code 1. The chroot jail}
 * @param content  the HTML it shows: the section with its heading
 * @param sections its sections (level 2 and 3), for the table of contents
 */
record Page(String file, String id, String title, Element content, List<Section> sections) {

    /** A section heading of a page, for its table of contents and the search index. */
    record Section(String id, String title, int level, List<Section> children) {
    }
}
