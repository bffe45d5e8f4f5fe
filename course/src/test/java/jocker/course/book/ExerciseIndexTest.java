package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The book's index of exercises (chapters/exercises.adoc) against what it
 * indexes: the exercises the chapters describe, the points their tables give,
 * and the exercise regions of solutions/. A new exercise fails this test
 * until it has its row.
 */
@DisplayName("The index of exercises")
class ExerciseIndexTest {

    /** {@code | <<ex-1-1,1.1>> | enter the jail | <<ch01-chroot,1>> | 10 | <<ch01-walkthrough>>} */
    private static final Pattern ROW = Pattern.compile(
            "^\\| <<ex-(\\d+)-(\\d+),(\\d+\\.\\d+)>> \\| (.+?) \\| <<([\\w-]+),(\\d+)>> \\| (\\d+) \\| <<[\\w-]+>>$");
    private static final Pattern TOTAL = Pattern.compile("^4\\+\\| All the chapters so far \\| (\\d+)$");
    /** A chapter's exercise: {@code [[ex-1-1]]} then {@code ==== Exercise 1.1: enter the jail}. */
    private static final Pattern HEADING = Pattern.compile("^==== Exercise (\\d+\\.\\d+): (.+)$");
    /** A row of a chapter's table of exercises: {@code | 1.1 the jail | `Chroot.enter` | `ChrootJailTest` | 10}. */
    private static final Pattern POINTS = Pattern.compile("^\\| (\\d+\\.\\d+) [^|]*\\|[^|]*\\|[^|]*\\| (\\d+)\\s*$");

    record Exercise(String id, String title, String chapterAnchor, int points) {
    }

    @Test
    @DisplayName("lists every exercise of the chapters, in order, with its title, chapter and points")
    void matchesTheChapters() {
        List<Exercise> chapters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : BookSources.bookFiles()) {
            List<String> lines = BookSources.lines(file);
            if (!file.getFileName().toString().matches("ch\\d\\d-.*\\.adoc")) {
                continue;
            }
            String chapterAnchor = lines.get(0).replaceAll("^\\[\\[([\\w-]+)\\]\\]$", "$1");
            Map<String, Integer> points = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher m = POINTS.matcher(line);
                if (m.matches()) {
                    points.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = HEADING.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                String id = m.group(1);
                String anchor = "[[ex-" + id.replace('.', '-') + "]]";
                if (i == 0 || !lines.get(i - 1).equals(anchor)) {
                    problems.add(file.getFileName() + ":" + (i + 1) + ": exercise " + id + " needs " + anchor
                            + " on the line above, for the index's link");
                }
                if (!points.containsKey(id)) {
                    problems.add(file.getFileName() + ": exercise " + id + " has no row in the chapter's table");
                }
                chapters.add(new Exercise(id, m.group(2), chapterAnchor, points.getOrDefault(id, -1)));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(chapters).hasSizeGreaterThan(20);
        assertThat(index()).as("chapters/exercises.adoc, against the chapters").isEqualTo(chapters);
    }

    @Test
    @DisplayName("lists exactly the exercise regions of solutions/")
    void matchesTheRegions() {
        List<String> regions = BookSources.exerciseRegions().stream().distinct()
                .sorted(ExerciseIndexTest::byNumber).toList();
        assertThat(index().stream().map(Exercise::id).toList()).isEqualTo(regions);
    }

    @Test
    @DisplayName("adds the points up right")
    void total() {
        int total = -1;
        for (String line : BookSources.lines(indexFile())) {
            Matcher m = TOTAL.matcher(line);
            if (m.matches()) {
                total = Integer.parseInt(m.group(1));
            }
        }
        assertThat(total).isEqualTo(index().stream().mapToInt(Exercise::points).sum());
    }

    private static Path indexFile() {
        return BookSources.root().resolve("chapters/exercises.adoc");
    }

    private static List<Exercise> index() {
        List<Exercise> rows = new ArrayList<>();
        for (String line : BookSources.lines(indexFile())) {
            Matcher m = ROW.matcher(line);
            if (line.startsWith("| <<ex-")) {
                assertThat(line).as("a row of the index").matches(ROW);
            }
            if (m.matches()) {
                String id = m.group(3);
                assertThat(m.group(1) + "." + m.group(2)).as("the link of " + id).isEqualTo(id);
                assertThat(m.group(6)).as("the chapter of " + id).isEqualTo(id.substring(0, id.indexOf('.')));
                rows.add(new Exercise(id, m.group(4), m.group(5), Integer.parseInt(m.group(7))));
            }
        }
        return rows;
    }

    private static int byNumber(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
