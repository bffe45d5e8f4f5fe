package jocker.course.skeleton;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adds {@code import jocker.course.Exercise;} to a skeleton that calls it, where a reader expects it. */
final class Imports {

    static final String EXERCISE = "jocker.course.Exercise";

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;.*");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.*]+)\\s*;.*");

    private Imports() {
    }

    /**
     * Inserts the import into {@code lines} (each with its terminator): in
     * alphabetical place among the other imports, else in a new block after the
     * package line. Does nothing if the file imports it already.
     */
    static void addExercise(List<String> lines, String eol) {
        String statement = "import " + EXERCISE + ";" + eol;
        if (lines.stream().anyMatch(line -> SourceLines.content(line).strip().equals(statement.strip()))) {
            return;
        }
        int packageLine = -1;
        int firstStatic = -1;
        int lastImport = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = SourceLines.content(lines.get(i));
            Matcher imported = IMPORT.matcher(line);
            if (packageLine < 0 && lastImport < 0 && PACKAGE.matcher(line).matches()) {
                packageLine = i;
            } else if (imported.matches()) {
                if (imported.group(1) != null) {
                    firstStatic = firstStatic < 0 ? i : firstStatic;
                    continue;
                }
                if (imported.group(2).compareTo(EXERCISE) > 0) {
                    lines.add(i, statement);
                    return;
                }
                lastImport = i;
            } else if (!line.isBlank() && !isComment(line.strip()) && (packageLine >= 0 || lastImport >= 0)) {
                break; // the first declaration: imports are over
            }
        }
        if (lastImport >= 0) {
            lines.add(lastImport + 1, statement);
        } else if (firstStatic >= 0) {
            lines.add(firstStatic, statement);
            lines.add(firstStatic + 1, eol);
        } else if (packageLine >= 0) {
            lines.add(packageLine + 1, eol);
            lines.add(packageLine + 2, statement);
        } else {
            lines.add(0, statement);
            lines.add(1, eol);
        }
    }

    private static boolean isComment(String stripped) {
        return stripped.startsWith("//") || stripped.startsWith("/*") || stripped.startsWith("*");
    }
}
