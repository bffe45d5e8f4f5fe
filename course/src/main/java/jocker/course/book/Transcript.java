package jocker.course.book;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A console transcript as the book shows it: commands typed at a root prompt,
 * each followed by what it printed.
 *
 * <pre>
 * # ./jocker run busybox sh -c 'echo $0; exit 3'; echo $?
 * sh
 * 3
 * </pre>
 *
 * <p>The grammar, shared by the transcript check (which runs the commands)
 * and the web book (which marks commands, prompts and output, and copies only
 * the commands):
 * <ul>
 *   <li>A line that starts with {@code "# "} (or is just {@code "#"}) starts a command;
 *       the prompt is not part of it.</li>
 *   <li>A command goes on over the next lines while it is unfinished as the
 *       shell reads it: a line that ends in an unescaped backslash, a single
 *       or double quote still open, or a here-document ({@code cat > f <<'EOF'})
 *       up to its delimiter line. Continuation lines are shown as typed,
 *       without a prompt.</li>
 *   <li>Every other line, up to the next command, is that command's output.
 *       So output must not start with {@code "# "}: a transcript whose output
 *       would is written another way.</li>
 *   <li>Lines before the first command are an error: a transcript starts
 *       with a command.</li>
 * </ul>
 */
public record Transcript(List<Step> steps) {

    /** The prompt of a root shell, as the book writes it. */
    public static final String PROMPT = "# ";

    public Transcript {
        steps = List.copyOf(steps);
    }

    /**
     * One command and its output.
     *
     * @param commandLines the command as typed, one entry per line, without the prompt
     * @param output       what it printed, one entry per line (may be empty)
     * @param line         the index of the command's first line in the parsed lines, from 0
     */
    public record Step(List<String> commandLines, List<String> output, int line) {
        public Step {
            commandLines = List.copyOf(commandLines);
            output = List.copyOf(output);
        }

        /** The command as the shell reads it: its lines joined by newlines. */
        public String command() {
            return String.join("\n", commandLines);
        }
    }

    /** Parses the lines of a console block. */
    public static Transcript parse(List<String> lines) {
        List<Step> steps = new ArrayList<>();
        List<String> command = null;
        List<String> output = null;
        int start = 0;
        Quoting quoting = new Quoting();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (command != null && quoting.unfinished()) {
                command.add(line);
                quoting.feed("\n" + line);
                continue;
            }
            if (isPrompt(line)) {
                if (command != null) {
                    steps.add(new Step(command, output, start));
                }
                command = new ArrayList<>();
                output = new ArrayList<>();
                start = i;
                String text = line.length() > 1 ? line.substring(PROMPT.length()) : "";
                command.add(text);
                quoting = new Quoting();
                quoting.feed(text);
            } else if (command == null) {
                throw new IllegalArgumentException("line " + (i + 1) + " comes before any command (\"" + PROMPT
                        + "...\"): " + line);
            } else {
                output.add(line);
            }
        }
        if (command != null) {
            if (quoting.unfinished()) {
                throw new IllegalArgumentException("line " + (start + 1) + ": the command is unfinished at the end"
                        + " of the transcript (an open quote, a trailing backslash or a here-document without its delimiter): " + command.get(0));
            }
            steps.add(new Step(command, output, start));
        }
        return new Transcript(steps);
    }

    /** The commands alone, one per entry, as a reader would copy them into a shell. */
    public List<String> commands() {
        return steps.stream().map(Step::command).toList();
    }

    static boolean isPrompt(String line) {
        return line.equals("#") || line.startsWith(PROMPT);
    }

    /**
     * Follows the shell's quoting far enough to tell whether a command goes
     * on to the next line: open quotes, a trailing backslash, and
     * here-documents, whose lines up to the delimiter belong to the command.
     */
    private static final class Quoting {
        private char quote; // 0, '\'' or '"'
        private boolean backslashAtEnd;
        private boolean comment;
        /** Here-documents opened on the line being read: their bodies start on the next line. */
        private final Deque<HereDoc> opened = new ArrayDeque<>();
        /** Here-documents whose bodies are being read, the first one's first. */
        private final Deque<HereDoc> bodies = new ArrayDeque<>();

        /** {@code <<WORD} or {@code <<-WORD} (whose body lines may start with tabs). */
        private record HereDoc(String delimiter, boolean stripTabs) {
        }

        /** Reads {@code text}: more of the current line, then, after each newline, a line of its own. */
        void feed(String text) {
            String[] lines = text.split("\n", -1);
            for (int k = 0; k < lines.length; k++) {
                if (k > 0) {
                    endOfLine();
                    if (!bodies.isEmpty()) {
                        bodyLine(lines[k]);
                        continue;
                    }
                }
                scan(lines[k]);
            }
        }

        private void endOfLine() {
            comment = false;
            if (quote == 0 && !backslashAtEnd) {
                bodies.addAll(opened);
                opened.clear();
            }
        }

        private void bodyLine(String line) {
            HereDoc doc = bodies.peekFirst();
            String text = doc.stripTabs() ? line.replaceFirst("^\t+", "") : line;
            if (text.equals(doc.delimiter())) {
                bodies.removeFirst();
            }
        }

        private void scan(String text) {
            backslashAtEnd = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (comment) {
                    continue;
                }
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    }
                } else if (c == '\\') {
                    if (i + 1 == text.length()) {
                        backslashAtEnd = true;
                    } else {
                        i++;
                    }
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                    comment = true;
                } else if (text.startsWith("<<<", i)) {
                    i += 2; // a here-string: its word is on this line
                } else if (text.startsWith("<<", i)) {
                    i = hereDoc(text, i + 2) - 1;
                }
            }
        }

        /** Reads the delimiter of a here-document whose {@code <<} ends before {@code i}; returns where it ends. */
        private int hereDoc(String text, int i) {
            boolean stripTabs = i < text.length() && text.charAt(i) == '-';
            if (stripTabs) {
                i++;
            }
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder word = new StringBuilder();
            char in = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (in != 0) {
                    if (c == in) {
                        in = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    in = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else if (Character.isWhitespace(c) || ";|&<>()".indexOf(c) >= 0) {
                    break;
                } else {
                    word.append(c);
                }
            }
            if (word.length() > 0) {
                opened.add(new HereDoc(word.toString(), stripTabs));
            }
            return i;
        }

        boolean unfinished() {
            return quote != 0 || backslashAtEnd || !opened.isEmpty() || !bodies.isEmpty();
        }
    }
}
