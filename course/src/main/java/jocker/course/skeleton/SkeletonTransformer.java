package jocker.course.skeleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one solution source file into its student skeleton: each exercise
 * region becomes its hint and a call to {@code Exercise.todo}; every other
 * line, line ending included, stays as it is, so a diff shows only the stubs.
 *
 * <pre>
 *         // Exercise 1.1: chroot(2) into the rootfs, then chdir(2) to "/" so the process stands inside the jail.
 *         Exercise.todo("1.1", "chroot(2) into the rootfs, then chdir(2) to \"/\" so the process stands inside the jail.");
 * </pre>
 *
 * <p>Regions hold statements: the stub replaces them in place.
 */
final class SkeletonTransformer {

    private static final String ID = "([A-Za-z0-9][A-Za-z0-9._-]*)";
    private static final Pattern BEGIN = Pattern.compile("^([ \\t]*)// begin exercise " + ID + ":(.*)$");
    private static final Pattern END = Pattern.compile("^[ \\t]*// end exercise " + ID + "\\s*$");
    /** Anything that looks like a marker, to report a typo instead of copying it to the students. */
    private static final Pattern MARKER = Pattern.compile("^\\s*//\\s*(begin|end)\\s+exercise\\b.*");
    /** A hint continues on comment lines indented by three spaces after the slashes. */
    private static final Pattern CONTINUATION = Pattern.compile("^[ \\t]*//   (.*)$");

    private SkeletonTransformer() {
    }

    /** The skeleton text of a file and the regions it had. */
    record Result(String text, List<Region> regions) {
    }

    /**
     * @param file   the file's path relative to {@code src/main}, for messages
     * @param source the solution's text
     * @throws SkeletonException on a malformed, unterminated, nested or mismatched region
     */
    static Result transform(String file, String source) throws SkeletonException {
        return transform(file, source, id -> true);
    }

    /**
     * Stubs only the regions whose exercise {@code stubbed} accepts; the
     * others keep their reference code (and their markers, which are
     * comments). The import is added only where a region was stubbed.
     */
    static Result transform(String file, String source, Predicate<String> stubbed) throws SkeletonException {
        List<String> lines = SourceLines.split(source);
        String eol = SourceLines.lineEnding(lines);
        List<String> out = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        boolean anyStubbed = false;
        int i = 0;
        while (i < lines.size()) {
            String text = SourceLines.content(lines.get(i));
            Matcher begin = BEGIN.matcher(text);
            if (!begin.matches()) {
                if (MARKER.matcher(text).matches()) {
                    throw error(file, i, END.matcher(text).matches()
                            ? "'" + text.strip() + "' ends no region"
                            : "malformed marker '" + text.strip() + "': write '// begin exercise <id>: <hint>'");
                }
                out.add(lines.get(i++));
                continue;
            }
            String indent = begin.group(1);
            String id = begin.group(2);
            List<String> comment = new ArrayList<>(List.of(lines.get(i)));
            StringBuilder hint = new StringBuilder(begin.group(3).strip());
            int first = i++;
            for (Matcher more; i < lines.size()
                    && (more = CONTINUATION.matcher(SourceLines.content(lines.get(i)))).matches(); i++) {
                comment.add(lines.get(i));
                hint.append(' ').append(more.group(1).strip());
            }
            if (hint.toString().isBlank()) {
                throw error(file, first, "exercise " + id + " has no hint: the stub shows it to the students");
            }
            int bodyStart = i;
            while (true) {
                if (i == lines.size()) {
                    throw error(file, first, "exercise " + id + " has no '// end exercise " + id + "'");
                }
                String line = SourceLines.content(lines.get(i));
                Matcher end = END.matcher(line);
                if (end.matches()) {
                    if (!end.group(1).equals(id)) {
                        throw error(file, i, "'// end exercise " + end.group(1) + "' closes exercise " + id
                                + " (begun at line " + (first + 1) + ")");
                    }
                    break;
                }
                if (MARKER.matcher(line).matches()) {
                    throw error(file, i, "a marker inside exercise " + id + " (begun at line " + (first + 1)
                            + "): regions do not nest");
                }
                i++;
            }
            boolean returns = returns(lines.subList(bodyStart, i));
            regions.add(new Region(id, hint.toString(), file, first + 1, returns));
            if (!stubbed.test(id)) {
                out.addAll(lines.subList(first, i + 1));
                i++;
                continue;
            }
            anyStubbed = true;
            comment.set(0, SourceLines.content(lines.get(first)).replaceFirst("// begin exercise ", "// Exercise ")
                    + SourceLines.ending(lines.get(first), eol));
            out.addAll(comment);
            out.add(indent + (returns ? "return " : "") + "Exercise.todo(\"" + id + "\", \""
                    + escape(hint.toString()) + "\");" + SourceLines.ending(lines.get(i), eol));
            i++;
        }
        if (anyStubbed) {
            Imports.addExercise(out, eol);
        }
        return new Result(String.join("", out), List.copyOf(regions));
    }

    /**
     * Whether the region's code ends by returning a value: its last statement at
     * the region's outermost indentation starts with {@code return}. Looking at
     * that level, not just at the last line, sees a {@code return} whose
     * expression spans lines and ignores the returns inside an {@code if}.
     */
    static boolean returns(List<String> body) {
        List<String> code = body.stream()
                .map(SourceLines::content)
                .filter(line -> !line.isBlank() && !isComment(line.strip()))
                .toList();
        int outer = code.stream().mapToInt(SourceLines::indentation).min().orElse(0);
        return code.stream()
                .filter(line -> SourceLines.indentation(line) == outer)
                .reduce((a, b) -> b)
                .map(String::strip)
                .filter(last -> last.matches("return\\b.*") && !last.matches("return\\s*;.*"))
                .isPresent();
    }

    private static boolean isComment(String stripped) {
        return stripped.startsWith("//") || stripped.startsWith("/*") || stripped.startsWith("*");
    }

    /** The hint as the body of a Java string literal. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    private static SkeletonException error(String file, int index, String message) {
        return new SkeletonException(file + ":" + (index + 1) + ": " + message);
    }
}
