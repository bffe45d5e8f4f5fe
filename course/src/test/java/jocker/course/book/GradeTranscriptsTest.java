package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeTranscriptsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a grade transcript is found with its id, its command and its output")
    void reads() throws IOException {
        Path file = dir.resolve("ch.adoc");
        Files.writeString(file, """
                Text.

                [[ch09-grade-fresh]]
                [source,console,role=grade]
                ----
                # ./mvnw -B -q -Pgrade \\
                      -Dgrade.chapters=09-x verify
                09-x: 0/3
                ...
                ----

                [source,console]
                ----
                # ./mvnw -B -q verify
                ----
                """);
        List<GradeTranscripts.Block> blocks = GradeTranscripts.read(file);
        assertThat(blocks).hasSize(1);
        GradeTranscripts.Block block = blocks.get(0);
        assertThat(block.id()).isEqualTo("ch09-grade-fresh");
        assertThat(block.line()).isEqualTo(4);
        assertThat(block.property("grade.chapters")).isEqualTo("09-x");
        assertThat(block.property("grade.target")).isNull();
        assertThat(block.output()).containsExactly("09-x: 0/3", "...");
    }

    @Test
    @DisplayName("a line ... stands for any lines, none included; every other line must be the same")
    void matches() {
        assertThat(GradeTranscripts.mismatch(List.of("a", "...", "d"), List.of("a", "b", "c", "d"))).isNull();
        assertThat(GradeTranscripts.mismatch(List.of("a", "...", "d"), List.of("a", "d"))).isNull();
        assertThat(GradeTranscripts.mismatch(List.of("...", "Score: 1/1", "..."), List.of("x", "Score: 1/1"))).isNull();
        assertThat(GradeTranscripts.mismatch(List.of("a", "d"), List.of("a", "b", "d"))).contains("the book shows");
        assertThat(GradeTranscripts.mismatch(List.of("Score: 2/2"), List.of("Score: 1/2"))).isNotNull();
    }

    @Test
    @DisplayName("an ungraded skip that only one side has is the machine's; one that both have must agree")
    void ungradedSkipsDependOnTheMachine() {
        String v2 = "  -     skipped  (not graded) Cgroup v2 on a real v2 host: requires cgroup v2";
        assertThat(GradeTranscriptCheck.compare(List.of("03-cgroups: 2/2", v2, "Score: 2/2"),
                List.of("03-cgroups: 2/2", "Score: 2/2"))).isNull();
        assertThat(GradeTranscriptCheck.compare(List.of("03-cgroups: 2/2", "Score: 2/2"),
                List.of("03-cgroups: 2/2", v2, "Score: 2/2"))).isNull();
        assertThat(GradeTranscriptCheck.compare(List.of("03-cgroups: 2/2", v2, "Score: 2/2"),
                List.of("03-cgroups: 2/2", v2 + " now", "Score: 2/2"))).isNotNull();
        assertThat(GradeTranscriptCheck.compare(List.of("03-cgroups: 2/2", "Score: 2/2"),
                List.of("03-cgroups: 1/2", "Score: 1/2"))).isNotNull();
    }
}
