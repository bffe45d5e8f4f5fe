package jocker.course.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jocker.course.Exercise;
import jocker.course.Graded;

/**
 * What each exercise of a chapter is worth, read from the {@link Graded}
 * annotations in its test sources: the class table gives a chapter that did
 * not run (not handed in, did not compile) its true maximum rather than 0/0.
 */
final class GradedPoints {

    /** {@code @Graded(exercise = "1.1", points = 3)}, attributes in either order. */
    private static final Pattern GRADED = Pattern.compile("@(?:jocker\\.course\\.)?Graded\\s*\\(([^)]*)\\)");
    private static final Pattern EXERCISE = Pattern.compile("\\bexercise\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern POINTS = Pattern.compile("\\bpoints\\s*=\\s*(\\d+)");

    private GradedPoints() {
    }

    /** Exercise id to its points, summed over its tests, in exercise order. */
    static Map<String, Integer> of(Path testJavaDir) throws IOException {
        Map<String, Integer> points = new TreeMap<>(Exercise.BOOK_ORDER);
        if (!Files.isDirectory(testJavaDir)) {
            return points;
        }
        try (Stream<Path> files = Files.walk(testJavaDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher graded = GRADED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (graded.find()) {
                    Matcher exercise = EXERCISE.matcher(graded.group(1));
                    Matcher worth = POINTS.matcher(graded.group(1));
                    if (exercise.find() && worth.find()) {
                        points.merge(exercise.group(1), Integer.parseInt(worth.group(1)), Integer::sum);
                    }
                }
            }
        }
        return points;
    }
}
