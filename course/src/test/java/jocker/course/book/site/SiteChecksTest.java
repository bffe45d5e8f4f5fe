package jocker.course.book.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteChecksTest {

    @TempDir
    Path site;

    private void write(String name, String text) throws IOException {
        Path file = site.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    @DisplayName("Every way a page, style sheet, figure or script could load from another machine is found")
    void remoteReferences() throws IOException {
        write("index.html", """
                <html><head>
                <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Open+Sans">
                <script src="//cdnjs.cloudflare.com/x.js"></script>
                <style>body { background: url("http://example.com/bg.png"); }</style>
                </head><body>
                <img src="HTTPS://example.com/a.png">
                <p style="background-image: url(https://example.com/b.png)">x</p>
                <a href="https://man7.org/linux/man-pages/man2/chroot.2.html">a link is the reader's choice</a>
                <img src="data:image/png;base64,AAAA">
                <img src="images/local.png">
                </body></html>
                """);
        write("assets/book.css", """
                @import "more.css";
                .a { background: url(images/local.png); }
                .b { background: url( 'https://example.com/c.png' ); }
                """);
        write("assets/book.js", "fetch('https://example.com/track');\n// a comment\n");
        write("assets/search-index.js", "window.JOCKER_SEARCH = {\"blocks\": [\"https://registry-1.docker.io/v2/\"]};");
        write("images/figure.svg", """
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
                <image xlink:href="https://example.com/d.png"/></svg>
                """);

        assertThat(SiteChecks.remoteReferences(site)).containsExactlyInAnyOrder(
                "assets/book.css: @import \"more.css",
                "assets/book.css: url( 'https://example.com/c.png",
                "assets/book.js: a script with an address in it: https:",
                "images/figure.svg: <image xlink:href=\"https://example.com/d.png\">",
                "index.html: <link href=\"https://fonts.googleapis.com/css?family=Open+Sans\">",
                "index.html: <script src=\"//cdnjs.cloudflare.com/x.js\">",
                "index.html: <img src=\"HTTPS://example.com/a.png\">",
                "index.html: url(\"http://example.com/bg.png",
                "index.html: url(https://example.com/b.png");
    }

    @Test
    @DisplayName("A link to a file that is not there, or to an id its page does not have, is broken")
    void brokenLinks() throws IOException {
        write("index.html", """
                <a href="ch01.html#there">ok</a> <a href="ch01.html#gone">no id</a> <a href="ch09.html">no file</a>
                <a href="#top">no id here</a> <img src="images/x.png"> <a href="search.html?q=a">ok</a>
                <a href="https://example.com/">outside: not checked</a>
                """);
        write("ch01.html", "<h2 id=\"there\">There</h2>");
        write("search.html", "<p>search</p>");

        assertThat(SiteChecks.brokenLinks(site)).containsExactlyInAnyOrder(
                "index.html: <a href=\"ch01.html#gone\"> names no id of ch01.html",
                "index.html: <a href=\"ch09.html\"> names no file of the site",
                "index.html: <a href=\"#top\"> names no id of index.html",
                "index.html: <img src=\"images/x.png\"> names no file of the site");
    }
}
