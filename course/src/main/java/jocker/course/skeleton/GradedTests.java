package jocker.course.skeleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code @Graded} annotations in test sources by reading the text:
 * the generator runs before the tests are compiled.
 */
final class GradedTests {

    /** {@code @Graded(exercise = "1.1", points = 3)}, attributes in either order, any spacing. */
    private static final Pattern GRADED = Pattern.compile("@(?:jocker\\.course\\.)?Graded\\s*\\(([^)]*)\\)");
    private static final Pattern EXERCISE = Pattern.compile("\\bexercise\\s*=\\s*\"([^\"]*)\"");

    private GradedTests() {
    }

    /**
     * Every graded test under {@code testJavaDir}; none if the directory does not exist.
     *
     * @param label how messages name {@code testJavaDir}, e.g. {@code 01-chroot/src/test/java/}
     */
    static List<GradedTest> scan(Path testJavaDir, String label) throws IOException {
        if (!Files.isDirectory(testJavaDir)) {
            return List.of();
        }
        List<GradedTest> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testJavaDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = label + testJavaDir.relativize(file).toString().replace('\\', '/');
                found.addAll(scan(relative, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    /** The graded tests in one source text; one without a literal exercise id is reported with id "". */
    static List<GradedTest> scan(String file, String source) {
        List<GradedTest> found = new ArrayList<>();
        Matcher graded = GRADED.matcher(source);
        while (graded.find()) {
            Matcher exercise = EXERCISE.matcher(graded.group(1));
            int line = (int) source.substring(0, graded.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(new GradedTest(exercise.find() ? exercise.group(1) : "", file, line));
        }
        return found;
    }
}
