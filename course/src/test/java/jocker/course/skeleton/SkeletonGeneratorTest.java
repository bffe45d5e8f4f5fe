package jocker.course.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkeletonGeneratorTest {

    @TempDir
    Path root;

    private Path solution;
    private Path workspace;
    private Path tests;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void chapter() throws IOException {
        solution = root.resolve("solutions/01-chroot/src/main");
        workspace = root.resolve("01-chroot/src/main");
        tests = root.resolve("01-chroot/src/test/java");
        write(solution.resolve("java/jocker/Jail.java"), """
                package jocker;

                class Jail {
                    int enter() {
                        // begin exercise 1.1: enter the jail.
                        return 0;
                        // end exercise 1.1
                    }
                }
                """);
        write(solution.resolve("resources/banner.txt"), "jocker\n");
        write(tests.resolve("jocker/JailTest.java"), "@Graded(exercise = \"1.1\", points = 3)\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private int run(String mode) throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return SkeletonGenerator.run(new String[] {mode, solution.toString(), workspace.toString(), tests.toString()},
                print, print);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("write makes the workspace the skeleton; check then finds it in sync")
    void writeThenCheck() throws IOException {
        write(workspace.resolve("java/jocker/Old.java"), "class Old {}\n");

        assertThat(run("write")).isZero();
        assertThat(workspace.resolve("java/jocker/Jail.java")).content()
                .contains("return Exercise.todo(\"1.1\", \"enter the jail.\");");
        assertThat(workspace.resolve("resources/banner.txt")).hasContent("jocker");
        assertThat(workspace.resolve("java/jocker/Old.java")).doesNotExist();
        assertThat(output()).contains("skeleton: 01-chroot: 1 exercises, 1 graded tests, workspace written (3 files changed)");

        out.reset();
        assertThat(run("check")).isZero();
        assertThat(output()).isEqualTo("skeleton: 01-chroot: 1 exercises, 1 graded tests, workspace in sync\n");
    }

    @Test
    @DisplayName("check lists what differs and says how to fix it")
    void checkFindsEdits() throws IOException {
        run("write");
        write(workspace.resolve("java/jocker/Jail.java"), "solved by a student");
        Files.delete(workspace.resolve("resources/banner.txt"));
        out.reset();

        assertThat(run("check")).isEqualTo(1);
        assertThat(output())
                .contains("The committed skeleton in 01-chroot/src/main is not what solutions/01-chroot generates:")
                .contains("  different: java/jocker/Jail.java", "  missing:   resources/banner.txt")
                .contains("./mvnw -q -pl solutions/01-chroot -am process-classes -Dskeleton=write")
                .contains("-Dskeleton.skip");
    }

    @Test
    @DisplayName("an exercise without a graded test fails both modes and writes nothing")
    void coverageFails() throws IOException {
        write(tests.resolve("jocker/JailTest.java"), "@Graded(exercise = \"1.2\", points = 3)\n");

        assertThat(run("write")).isEqualTo(1);
        assertThat(output()).contains("exercises and graded tests do not match",
                "01-chroot/src/test/java/jocker/JailTest.java:1: @Graded names exercise 1.2",
                "solutions/01-chroot/src/main/java/jocker/Jail.java:5: exercise 1.1 has no @Graded test");
        assertThat(workspace).doesNotExist();
    }

    @Test
    @DisplayName("a malformed region fails with its file and line")
    void malformedRegion() throws IOException {
        write(solution.resolve("java/jocker/Bad.java"), "// begin exercise 1.1: x\n");
        assertThat(run("check")).isEqualTo(1);
        assertThat(output()).contains("solutions/01-chroot/src/main/java/jocker/Bad.java:1: exercise 1.1 has no '// end exercise 1.1'");
    }
}
