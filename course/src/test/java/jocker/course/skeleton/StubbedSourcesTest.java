package jocker.course.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubbedSourcesTest {

    private static final String JAIL = """
            package jocker;

            public class Jail {
                void enter(String rootfs) {
                    // begin exercise 1.1: chroot into the rootfs.
                    LibC.chroot(rootfs);
                    // end exercise 1.1
                }

                int exec() {
                    // begin exercise 1.10: run the command.
                    return LibC.execve();
                    // end exercise 1.10
                }
            }
            """;
    private static final String STATUS = """
            package jocker;

            public class Status {
                int decode(int value) {
                    // begin exercise 1.2: decode the status.
                    return value;
                    // end exercise 1.2
                }
            }
            """;

    @TempDir
    Path dir;

    private StubbedSources sources() throws Exception {
        Path main = dir.resolve("src/main");
        Files.createDirectories(main.resolve("java/jocker"));
        Files.createDirectories(main.resolve("resources"));
        Files.writeString(main.resolve("java/jocker/Jail.java"), JAIL);
        Files.writeString(main.resolve("java/jocker/Status.java"), STATUS);
        Files.writeString(main.resolve("java/jocker/Plain.java"), "package jocker;\nclass Plain {}\n");
        Files.writeString(main.resolve("resources/data.txt"), "data\n");
        return StubbedSources.read(main);
    }

    @Test
    @DisplayName("exercise ids sort in book order: 1.2 before 1.10, 1.10 before 2.1")
    void bookOrder() throws Exception {
        assertThat(sources().exercises()).containsExactly("1.1", "1.2", "1.10");
        assertThat(Stream.of("2.1", "1.10", "1.2", "10.1", "1.1").sorted(StubbedSources.BOOK_ORDER))
                .containsExactly("1.1", "1.2", "1.10", "2.1", "10.1");
        assertThat(sources().after("1.2")).containsExactly("1.10");
    }

    @Test
    @DisplayName("only the chosen exercises become stubs; the others keep the reference code")
    void stubsOnlyTheChosen() throws Exception {
        var stubbed = sources().stubbed(Set.of("1.10"));

        assertThat(stubbed).containsOnlyKeys("java/jocker/Jail.java");
        String jail = stubbed.get("java/jocker/Jail.java");
        assertThat(jail).contains("LibC.chroot(rootfs);", "// begin exercise 1.1:",
                "return Exercise.todo(\"1.10\", \"run the command.\");", "import jocker.course.Exercise;");
        assertThat(jail).doesNotContain("LibC.execve()", "Exercise.todo(\"1.1\"");
    }

    @Test
    @DisplayName("stubbing every exercise gives the student skeleton")
    void allIsTheSkeleton() throws Exception {
        var sources = sources();
        var tree = SkeletonTree.generate(dir.resolve("src/main"), "");

        var stubbed = sources.stubbed(Set.copyOf(sources.exercises()));

        stubbed.forEach((file, text) -> assertThat(text).isEqualTo(new String(tree.files().get(file))));
    }

    @Test
    @DisplayName("write puts the changed files, or the whole tree, under a directory")
    void writes() throws Exception {
        var sources = sources();
        Path changed = dir.resolve("changed");
        Path whole = dir.resolve("whole");

        assertThat(sources.write(Set.of("1.2"), changed, false)).containsExactly(Path.of("java/jocker/Status.java"));
        assertThat(sources.write(Set.of("1.2"), whole, true)).hasSize(4);
        assertThat(Files.readString(whole.resolve("java/jocker/Jail.java"))).isEqualTo(JAIL);
        assertThat(Files.readString(whole.resolve("java/jocker/Status.java"))).contains("Exercise.todo(\"1.2\"");
        assertThat(whole.resolve("resources/data.txt")).hasContent("data");
        assertThat(sources.filesOf(List.of("1.1", "1.10"))).containsExactly("java/jocker/Jail.java");
    }
}
