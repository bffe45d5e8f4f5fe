package jocker.course.book.site;

import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Colours a Java listing: keywords, literals, strings, comments, annotations,
 * numbers and type names (identifiers that start with a capital letter and
 * are not all capitals, which are constants) each
 * get a span whose class the site's CSS colours, in light and dark mode.
 *
 * <p>It is a scanner, not a parser: good enough for the listings the book
 * quotes, and it never changes the text.
 */
final class JavaHighlighter {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "var", "record", "yield", "sealed", "permits", "non-sealed");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");

    private JavaHighlighter() {
    }

    /** Colours the text of {@code code}, the {@code <code>} of a Java listing, leaving other elements (callouts) alone. */
    static void highlight(Element code) {
        for (Node child : List.copyOf(code.childNodes())) {
            if (child instanceof TextNode text) {
                Element holder = new Element("span");
                append(holder, text.getWholeText());
                List<Node> spans = List.copyOf(holder.childNodes());
                code.insertChildren(text.siblingIndex(), spans);
                text.remove();
            }
        }
    }

    private static void append(Element out, String s) {
        StringBuilder plain = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end;
            String kind;
            if (s.startsWith("//", i)) {
                end = indexOrEnd(s, "\n", i);
                kind = "com";
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
                kind = "com";
            } else if (s.startsWith("\"\"\"", i)) {
                int close = s.indexOf("\"\"\"", i + 3);
                end = close < 0 ? n : close + 3;
                kind = "str";
            } else if (c == '"' || c == '\'') {
                end = quoted(s, i, c);
                kind = "str";
            } else if (c == '@' && i + 1 < n && Character.isJavaIdentifierStart(s.charAt(i + 1))) {
                end = identifierEnd(s, i + 1);
                kind = "ann";
            } else if (Character.isDigit(c) && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
                end = i;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '.' && end + 1 < n && Character.isDigit(s.charAt(end + 1)))) {
                    end++;
                }
                kind = "num";
            } else if (Character.isJavaIdentifierStart(c)) {
                end = identifierEnd(s, i);
                String word = s.substring(i, end);
                if (KEYWORDS.contains(word)) {
                    kind = "kw";
                } else if (LITERALS.contains(word)) {
                    kind = "lit";
                } else if (Character.isUpperCase(c) && !word.equals(word.toUpperCase(java.util.Locale.ROOT))) {
                    kind = "ty"; // a type; a CONSTANT stays plain
                } else {
                    kind = null;
                }
            } else {
                plain.append(c);
                i++;
                continue;
            }
            if (kind == null) {
                plain.append(s, i, end);
            } else {
                flush(out, plain);
                out.appendElement("span").addClass(kind).text(s.substring(i, end));
            }
            i = end;
        }
        flush(out, plain);
    }

    private static void flush(Element out, StringBuilder plain) {
        if (!plain.isEmpty()) {
            out.appendText(plain.toString());
            plain.setLength(0);
        }
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    private static int identifierEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The end of a string or char literal that starts at {@code from}; an unclosed one ends at the line's end. */
    private static int quoted(String s, int from, char quote) {
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }
}
