package jocker.course.book.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the fixture book's site in headless Chromium; skipped, with the reason, where there is none. */
class BrowserCheckTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("In Chromium the site loads only local files, searches, copies commands, follows the reader and switches to dark; a page that loads from the network fails")
    void chromium() throws IOException, InterruptedException {
        assumeTrue(BrowserCheck.whyNot().isEmpty(), () -> "browser check skipped: " + BrowserCheck.whyNot().orElse(""));
        SiteFixture.generate(dir);
        Path site = dir.resolve("site");
        // One page that breaks the rule: every problem must be about it, and the rest must pass.
        Files.writeString(site.resolve("remote.html"), Files.readString(site.resolve("glossary.html"))
                .replace("</main>", "<img src=\"https://example.invalid/pixel.png\" alt=\"\"></main>"));

        BrowserCheck.Result result = BrowserCheck.run(BrowserCheck.findChromium().orElseThrow(), site, "pivot_root", null);

        assertThat(result.ran()).isTrue();
        assertThat(result.problems()).anyMatch(p -> p.equals("remote.html: requested https://example.invalid/pixel.png"));
        assertThat(result.problems()).anyMatch(p -> p.equals("network log: a page requested https://example.invalid/pixel.png"));
        assertThat(result.problems()).allMatch(p -> p.startsWith("remote.html: ") || p.contains("example.invalid"),
                "is about remote.html");
        assertThat(String.join("\n", result.findings()))
                .contains("search.html?q=pivot_root: 2 sections, first ch02-second.html#ch02-detail")
                .contains("2 console transcripts: the copy button copies their commands alone")
                .contains("ch01-first.html: scrolled to #_inside_the_init, and the contents mark it")
                .contains("dark mode: follows the system, the toggle switches it, the next page remembers it");
    }
}
