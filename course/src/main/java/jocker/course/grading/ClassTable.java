package jocker.course.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Status;
import jocker.course.TestResult;

/**
 * Writes a class's grades: {@code grades.json} (everything),
 * {@code grades.csv} (a row per student, chapter and exercise) and
 * {@code scores.csv} (a row per student, a column per chapter: for a gradebook).
 */
final class ClassTable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A CSV cell's test details stop here: the JSON has them whole. */
    private static final int DETAIL = 300;

    private ClassTable() {
    }

    static void write(ClassGrades grades, Path dir) throws IOException {
        JSON.writeValue(dir.resolve("grades.json").toFile(), grades);
        Files.writeString(dir.resolve("grades.csv"), gradesCsv(grades), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scores.csv"), scoresCsv(grades), StandardCharsets.UTF_8);
    }

    static String gradesCsv(ClassGrades grades) {
        StringBuilder csv = new StringBuilder("student,chapter,exercise,points,max,passed,failed,skipped,problem,details\n");
        for (ClassGrades.Student student : grades.students()) {
            for (ClassGrades.Chapter chapter : student.chapters()) {
                for (ClassGrades.Exercise exercise : chapter.exercises()) {
                    List<String> details = new ArrayList<>();
                    for (TestResult test : exercise.tests()) {
                        if (test.status() != Status.PASSED) {
                            details.add(test.status().label() + ": " + test.displayName()
                                    + (test.message() == null ? "" : ": " + oneLine(test.message())));
                        }
                    }
                    row(csv, student.student(), chapter.chapter(), exercise.exercise(),
                            String.valueOf(exercise.points()), String.valueOf(exercise.max()),
                            String.valueOf(exercise.passed()), String.valueOf(exercise.failed()),
                            String.valueOf(exercise.skipped()), chapter.problem() == null ? "" : chapter.problem(),
                            truncate(String.join(" | ", details)));
                }
            }
        }
        return csv.toString();
    }

    static String scoresCsv(ClassGrades grades) {
        List<String> header = new ArrayList<>(List.of("student"));
        grades.chapters().forEach(header::add);
        header.addAll(List.of("score", "possible"));
        StringBuilder csv = new StringBuilder();
        row(csv, header.toArray(String[]::new));
        for (ClassGrades.Student student : grades.students()) {
            List<String> cells = new ArrayList<>(List.of(student.student()));
            student.chapters().forEach(chapter -> cells.add(String.valueOf(chapter.earned())));
            cells.add(String.valueOf(student.earned()));
            cells.add(String.valueOf(student.possible()));
            row(csv, cells.toArray(String[]::new));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        csv.append('\n');
    }

    /** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String cell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String truncate(String text) {
        return text.length() <= DETAIL ? text : text.substring(0, DETAIL - 3) + "...";
    }
}
