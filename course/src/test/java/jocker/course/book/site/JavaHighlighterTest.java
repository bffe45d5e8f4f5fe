package jocker.course.book.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JavaHighlighterTest {

    @Test
    @DisplayName("Keywords, types, strings, comments, annotations and numbers get their class (constants none); the text does not change")
    void tokens() {
        String source = """
                /* A block
                   comment */
                @Override
                public int size(String s) { // "not a string"
                    char c = '\\'';
                    String t = "a // b \\" c";
                    String block = \"\"\"
                        text "block"
                        \"\"\";
                    long flags = MS_BIND;
                    return s == null ? 0x1F : 42;
                }""";
        Element code = Jsoup.parse("<pre><code></code></pre>").selectFirst("code");
        code.text(source);

        JavaHighlighter.highlight(code);

        assertThat(code.wholeText()).isEqualTo(source);
        assertThat(code.select(".com").stream().map(Element::wholeText))
                .containsExactly("/* A block\n   comment */", "// \"not a string\"");
        assertThat(code.select(".ann").eachText()).containsExactly("@Override");
        assertThat(code.select(".kw").eachText()).containsExactly("public", "int", "char", "long", "return");
        assertThat(code.select(".ty").eachText()).containsExactly("String", "String", "String");
        assertThat(code.select(".str").stream().map(Element::wholeText)).containsExactly("'\\''", "\"a // b \\\" c\"",
                "\"\"\"\n        text \"block\"\n        \"\"\"");
        assertThat(code.select(".lit").eachText()).containsExactly("null");
        assertThat(code.select(".num").eachText()).containsExactly("0x1F", "42");
    }

    @Test
    @DisplayName("Elements inside the listing, such as callouts, are left as they are")
    void callouts() {
        Element code = Jsoup.parse("<pre><code>int a; <b class=\"conum\">(1)</b>\nreturn a;</code></pre>").selectFirst("code");

        JavaHighlighter.highlight(code);

        assertThat(code.wholeText()).isEqualTo("int a; (1)\nreturn a;");
        assertThat(code.select("b.conum").text()).isEqualTo("(1)");
        assertThat(code.select(".kw").eachText()).containsExactly("int", "return");
    }
}
