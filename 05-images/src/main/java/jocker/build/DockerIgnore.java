package jocker.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jocker.course.Exercise;

/**
 * A build context's {@code .dockerignore}: the files {@code jocker build}
 * leaves out of the context, as Docker's {@code moby/patternmatcher} decides.
 *
 * <pre>
 * # a comment
 * *.log          in the context's top directory only (Go's filepath.Match)
 * **&#47;*.tmp      at any depth
 * build/         a directory and everything in it
 * !build/keep    an exception: later lines win
 * </pre>
 *
 * <p>Each pattern is cleaned like a path ({@code ./a/../b/} is {@code b},
 * a leading {@code /} dropped), so it always names paths relative to the
 * context. A pattern that matches a directory ignores everything below it.
 */
public final class DockerIgnore {

    /** One line: a compiled pattern and whether it was an exception ({@code !}). */
    private record Rule(String pattern, Pattern regex, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The {@code .dockerignore} of {@code context}; one that ignores nothing if there is none. */
    public static DockerIgnore read(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        return Files.isRegularFile(file) ? parse(Files.readString(file)) : parse("");
    }

    /** Parses the text of a {@code .dockerignore}. */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            if (pattern.isEmpty()) {
                continue;
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            rules.add(new Rule(pattern, compile(pattern), exception));
        }
        return new DockerIgnore(rules);
    }

    /** The cleaned patterns, an exception with its {@code !}. */
    public List<String> patterns() {
        return rules.stream().map(rule -> (rule.exception() ? "!" : "") + rule.pattern()).toList();
    }

    // tag::ignores[]
    /**
     * Whether {@code relativePath} ({@code a/b/c.txt}, relative to the
     * context, {@code /} separated) is left out of the build context.
     */
    public boolean ignores(String relativePath) {
        String path = clean(relativePath);
        List<String> parents = parents(path);
        boolean ignored = false;
        // Exercise 5.7: go through the rules in order: the last one that matches decides (an
        //   exception un-ignores). A rule matches if its regex matches the path or one of its parents
        //   (a pattern that names a directory ignores everything below it). Skip a rule that cannot
        //   change the answer.
        Exercise.todo("5.7", "go through the rules in order: the last one that matches decides (an exception un-ignores). A rule matches if its regex matches the path or one of its parents (a pattern that names a directory ignores everything below it). Skip a rule that cannot change the answer.");
        return ignored;
    }
    // end::ignores[]

    /** {@code a/b/c} → {@code a}, {@code a/b}. */
    private static List<String> parents(String path) {
        List<String> parents = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            parents.add(path.substring(0, slash));
        }
        return parents;
    }

    /** Go's {@code filepath.Clean}: no {@code .}, no {@code x/..}, no doubled or trailing slashes. */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else if (!(part.equals("..") && absolute)) {
                parts.add(part);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    /**
     * The pattern as a regular expression: {@code *} is anything but
     * {@code /}, {@code ?} one character but {@code /}, {@code **} any
     * number of directories, {@code [a-z]} and {@code [!a]} a class,
     * {@code \} escapes the next character.
     */
    static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    i++;
                }
                regex.append(i + 1 == pattern.length() ? ".*" : "(.*/)?");
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                regex.append('[');
                if (i + 1 < pattern.length() && (pattern.charAt(i + 1) == '!' || pattern.charAt(i + 1) == '^')) {
                    regex.append('^');
                    i++;
                }
            } else if (c == ']' || c == '-' && inClass(regex)) {
                regex.append(c);
            } else if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(literal(pattern.charAt(++i)));
            } else {
                regex.append(literal(c));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** {@code c} matching itself in a regular expression, in a class or not. */
    private static String literal(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    /** Whether the regex so far is inside a {@code [...]} class. */
    private static boolean inClass(StringBuilder regex) {
        return regex.lastIndexOf("[") > regex.lastIndexOf("]");
    }
}
