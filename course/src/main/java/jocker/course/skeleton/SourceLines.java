package jocker.course.skeleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a source file that keep their own line endings, so that a file
 * written back from them is byte for byte the original wherever nothing changed.
 */
final class SourceLines {

    private SourceLines() {
    }

    /** The lines of {@code text}, each with its terminator ({@code \n}, {@code \r\n}, or none at the end). */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int newline; (newline = text.indexOf('\n', start)) >= 0; start = newline + 1) {
            lines.add(text.substring(start, newline + 1));
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** A line without its terminator. */
    static String content(String line) {
        return line.substring(0, line.length() - ending(line, "").length());
    }

    /** A line's terminator, or {@code fallback} for a last line that has none. */
    static String ending(String line, String fallback) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return line.endsWith("\n") ? "\n" : fallback;
    }

    /** The file's line ending, for lines the generator adds: the first line's, or {@code \n}. */
    static String lineEnding(List<String> lines) {
        return lines.isEmpty() ? "\n" : ending(lines.get(0), "\n");
    }

    /** How many leading spaces or tabs a line has. */
    static int indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
