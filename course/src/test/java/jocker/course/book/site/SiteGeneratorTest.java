package jocker.course.book.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteGeneratorTest {

    @TempDir
    Path dir;

    private Document page(String name) throws IOException {
        return Jsoup.parse(dir.resolve("site").resolve(name).toFile(), "UTF-8");
    }

    @Test
    @DisplayName("Each top-level section of the book becomes a page, named after its id, besides the index, search and guide pages")
    void onePagePerChapter() throws IOException {
        SiteGenerator.Site site = SiteFixture.generate(dir);

        assertThat(site.pages()).containsExactly("index.html", "preface.html", "ch01-first.html", "ch02-second.html",
                "glossary.html", "instructor-guide.html", "search.html");
        assertThat(page("ch01-first.html").title()).isEqualTo("1. The first chapter · A Test Book");
        assertThat(page("ch01-first.html").select("main h2").first().text()).isEqualTo("1. The first chapter");
        assertThat(page("ch01-first.html").select("main h2")).hasSize(1);
        assertThat(page("glossary.html").select("main dt").text()).isEqualTo("Namespace");
        assertThat(dir.resolve("site/images/figure.svg")).exists();
        assertThat(dir.resolve("site/assets/book.css")).exists();
    }

    @Test
    @DisplayName("Pages link to the previous and the next one; the first goes back to the contents, the last has no next")
    void previousAndNext() throws IOException {
        SiteFixture.generate(dir);

        assertThat(page("preface.html").select(".pager a[rel=prev]").attr("href")).isEqualTo("index.html");
        assertThat(page("ch01-first.html").select(".pager a[rel=prev]").attr("href")).isEqualTo("preface.html");
        assertThat(page("ch01-first.html").select(".pager a[rel=next]").attr("href")).isEqualTo("ch02-second.html");
        assertThat(page("ch01-first.html").select(".pager a[rel=next]").text()).contains("2. The second chapter");
        assertThat(page("glossary.html").select(".pager a[rel=next]")).isEmpty();
        assertThat(page("index.html").select(".pager a[rel=next]").attr("href")).isEqualTo("preface.html");
    }

    @Test
    @DisplayName("A cross-reference to another page names that page; one on the same page stays a fragment")
    void crossReferences() throws IOException {
        SiteFixture.generate(dir);
        Document ch01 = page("ch01-first.html");

        assertThat(links(ch01, "Section 2.1")).containsExactly("ch02-second.html#ch02-detail");
        assertThat(links(ch01, "Chapter 2")).containsExactly("ch02-second.html");
        assertThat(links(ch01, "the table below")).containsExactly("#ch01-table");
        assertThat(links(page("preface.html"), "Chapter 1")).containsExactly("ch01-first.html");
        assertThat(links(page("ch02-second.html"), "Section 1.2")).containsExactly("ch01-first.html#ch01-code");
        assertThat(links(page("instructor-guide.html"), "Grading")).containsExactly("#grading");
    }

    @Test
    @DisplayName("A cross-reference to an anchor that no page has fails the site, naming the link")
    void brokenCrossReference() throws IOException {
        Path book = SiteFixture.copyBook(dir);
        Path html = book.resolve("book.html");
        Files.writeString(html, Files.readString(html).replace("href=\"#ch02-detail\">Section 2.1</a>, and",
                "href=\"#ch02-gone\">Section 2.1</a>, and"));

        assertThatThrownBy(() -> SiteGenerator.generate(html, null, null, dir.resolve("site")))
                .isInstanceOf(SiteException.class)
                .satisfies(e -> assertThat(((SiteException) e).problems())
                        .containsExactly("ch01-first.html: a link to #ch02-gone (\"Section 2.1\"), which no page has"));
    }

    @Test
    @DisplayName("The table of contents lists every page, and the current page's sections and subsections")
    void tableOfContents() throws IOException {
        SiteFixture.generate(dir);
        Document ch01 = page("ch01-first.html");

        assertThat(ch01.select("#sidebar .toc > li > a").eachAttr("href"))
                .containsExactly("preface.html", "#ch01-first", "ch02-second.html", "glossary.html");
        assertThat(ch01.select("#sidebar .toc-page.current > ol > li > a").eachText())
                .containsExactly("1.1. The root directory", "1.2. The code", "1.3. A wide table", "1.4. Summary");
        assertThat(ch01.select("#sidebar .toc-page.current > ol > li > ol > li > a").eachAttr("href"))
                .containsExactly("#_inside_the_init");
        assertThat(page("instructor-guide.html").select("#sidebar .toc a").eachAttr("href"))
                .containsExactly("#layout", "#grading", "#grading-a-class");
        assertThat(page("index.html").select(".contents-list > li > a").eachAttr("href"))
                .containsExactly("preface.html", "ch01-first.html", "ch02-second.html", "glossary.html");
        assertThat(page("index.html").select("a[href=instructor-guide.html]")).isNotEmpty();
    }

    @Test
    @DisplayName("Console transcripts are marked up as prompt, command and output; their text does not change")
    void consoleTranscripts() throws IOException {
        SiteFixture.generate(dir);
        Element pre = page("ch01-first.html").selectFirst("pre.console");

        assertThat(pre.wholeText()).isEqualTo("""
                # ./jocker run busybox sh -c 'echo $0; exit 3'; echo $?
                sh
                3
                # ./mvnw -q -pl 01-chroot verify \\
                      -Dtest=ChrootJailTest
                # ./jocker run --rm busybox sh -c 'cat /etc/hostname
                      echo "done"'
                container
                done""");
        assertThat(pre.select(".prompt").eachText()).hasSize(3);
        assertThat(pre.select(".cmd").stream().map(Element::wholeText)).containsExactly(
                "./jocker run busybox sh -c 'echo $0; exit 3'; echo $?",
                "./mvnw -q -pl 01-chroot verify \\\n      -Dtest=ChrootJailTest",
                "./jocker run --rm busybox sh -c 'cat /etc/hostname\n      echo \"done\"'");
        assertThat(pre.select(".out").stream().map(Element::wholeText)).containsExactly("sh\n3", "container\ndone");
        // A block with a user's "$" prompt is no transcript: shown as it is, with a note.
        assertThat(page("ch02-second.html").select("pre.plain-console").text()).startsWith("$ a user prompt");
    }

    @Test
    @DisplayName("Java listings are coloured, tables scroll in a box, tips get a label, nothing is loaded from the network")
    void markup() throws IOException {
        SiteFixture.generate(dir);
        Document ch01 = page("ch01-first.html");

        assertThat(ch01.select("code[data-lang=java] .kw").eachText()).contains("public", "throws", "int");
        assertThat(ch01.select("code[data-lang=java] .str").eachText()).contains("\"http://not-a-comment\"");
        assertThat(ch01.select("code[data-lang=java] .ann").eachText()).containsExactly("@Override");
        assertThat(ch01.select("div.table-scroll > table.tableblock.cols-4")).hasSize(1);
        assertThat(ch01.select(".admonitionblock.tip > .admonition-label").text()).isEqualTo("Tip");
        assertThat(ch01.select(".admonitionblock table")).isEmpty();
        assertThat(ch01.select("details > summary").text()).isEqualTo("An answer");
        assertThat(ch01.select("link[href], script[src]").eachAttr("href")).allMatch(h -> !h.contains("//"));
        assertThat(ch01.select("link[rel=stylesheet]").eachAttr("href")).containsExactly("assets/book.css");
        assertThat(SiteChecks.remoteReferences(dir.resolve("site"))).isEmpty();
        assertThat(SiteChecks.brokenLinks(dir.resolve("site"))).isEmpty();
    }

    @Test
    @DisplayName("The search index holds every section and the text of its blocks, with their page and anchor")
    void searchIndex() throws IOException {
        SiteFixture.generate(dir);
        String script = Files.readString(dir.resolve("site/assets/search-index.js"), StandardCharsets.UTF_8);
        String json = script.substring(script.indexOf('{'), script.lastIndexOf('}') + 1);
        var index = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

        List<String> urls = index.get("sections").findValuesAsText("u");
        assertThat(urls).contains("ch01-first.html", "ch01-first.html#ch01-code", "ch02-second.html#ch02-detail",
                "instructor-guide.html#grading-a-class");
        int detail = urls.indexOf("ch02-second.html#ch02-detail");
        assertThat(index.get("sections").get(detail).get("t").asText()).isEqualTo("2.1. pivot_root instead of chroot");
        assertThat(index.get("sections").get(detail).get("c").asText()).isEqualTo("2. The second chapter");
        boolean found = false;
        for (var block : index.get("blocks")) {
            if (block.get(1).asText().contains("List<String> applets")) {
                found = true;
                assertThat(urls.get(block.get(0).asInt())).isEqualTo("ch01-first.html#ch01-code");
                assertThat(block.get(2).asText()).isEqualTo("ch01-first.html#ch01-listing");
            }
        }
        assertThat(found).as("the Java listing is in the index").isTrue();
        assertThat(json).contains("An answer").doesNotContain("/proc/self/cgroup");
        assertThat(page("search.html").select("script[src]").eachAttr("src"))
                .containsExactly("assets/theme.js", "assets/search-index.js", "assets/search.js", "assets/book.js");
    }

    private static List<String> links(Document page, String text) {
        return page.select("main a").stream().filter(a -> a.text().equals(text)).map(a -> a.attr("href")).toList();
    }
}
