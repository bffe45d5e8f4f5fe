package jocker.course.book.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleMarkupTest {

    private static Element code(String text) {
        Element code = Jsoup.parse("<pre><code data-lang=\"console\"></code></pre>").selectFirst("code");
        code.text(text);
        return code;
    }

    @Test
    @DisplayName("Prompts, commands (with their continuation lines) and output each get their span, and the text stays as it was")
    void spans() {
        String text = "# echo 'a\nb'\na\nb\n#\n# ls /\nbin";
        Element code = code(text);

        ConsoleMarkup.markUp(code);

        assertThat(code.wholeText()).isEqualTo(text);
        assertThat(code.html()).isEqualTo("<span class=\"prompt\"># </span><span class=\"cmd\">echo 'a\nb'</span>\n"
                + "<span class=\"out\">a\nb</span>\n"
                + "<span class=\"prompt\">#</span><span class=\"cmd\"></span>\n"
                + "<span class=\"prompt\"># </span><span class=\"cmd\">ls /</span>\n<span class=\"out\">bin</span>");
    }

    @Test
    @DisplayName("Text that is not a transcript is refused and left alone")
    void notATranscript() {
        Element code = code("$ ls\nbin");

        assertThatThrownBy(() -> ConsoleMarkup.markUp(code)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before any command");
        assertThat(code.html()).isEqualTo("$ ls\nbin");
    }
}
