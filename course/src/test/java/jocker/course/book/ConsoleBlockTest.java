package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleBlockTest {

    private static final Path FILE = Path.of("chapters/ch09-test.adoc");

    @Test
    void findsConsoleBlocksWithTheirLinesRolesAndTitles() {
        List<ConsoleBlock> blocks = ConsoleBlock.parse(FILE, List.of(
                "= Title",                              // 1
                "",                                     // 2
                "[source,\"console?prompt=#\"]",        // 3
                "----",                                 // 4
                "# echo hi",                            // 5
                "hi",                                   // 6
                "----",                                 // 7
                "[source,java]",                        // 8
                "----",                                 // 9
                "////",                                 // 10: inside a listing, not a comment
                "----",                                 // 11
                ".Recorded with runc 1.1.5",            // 12
                "[source,console,role=recorded]",       // 13
                "----",                                 // 14
                "# runc --version",                     // 15
                "runc version 1.1.5",                   // 16
                "----",                                 // 17
                "////",                                 // 18
                "transcript: hidden",                   // 19
                "# ./jocker rm -f web >/dev/null",      // 20
                "////",                                 // 21
                "////",                                 // 22
                "a plain comment",                      // 23
                "////",                                 // 24
                "[source,console,role=grade]",          // 25
                "----",                                 // 26
                "# ./mvnw -Pgrade verify",              // 27
                "Score: 10/10",                         // 28
                "----"));
        assertThat(blocks).extracting(ConsoleBlock::line).containsExactly(5, 15, 20, 27);
        assertThat(blocks).extracting(ConsoleBlock::role).containsExactly("", "recorded", "hidden", "grade");
        assertThat(blocks).extracting(ConsoleBlock::checked).containsExactly(true, false, true, false);
        assertThat(blocks.get(1).title()).isEqualTo("Recorded with runc 1.1.5");
        assertThat(blocks.get(0).transcript().steps().get(0).output()).containsExactly("hi");
        assertThat(blocks.get(2).where(blocks.get(2).transcript().steps().get(0)))
                .isEqualTo("chapters/ch09-test.adoc:20");
    }

    @Test
    void aBlockThatDoesNotParseIsReportedWithItsPlace() {
        List<ConsoleBlock> blocks = ConsoleBlock.parse(FILE, List.of(
                "[source,console]", "----", "$ ./mvnw verify", "----"));
        assertThatThrownBy(() -> blocks.get(0).transcript())
                .hasMessageStartingWith("chapters/ch09-test.adoc:3: line 1 comes before any command");
    }

    @Test
    void anUnclosedBlockIsAnError() {
        assertThatThrownBy(() -> ConsoleBlock.parse(FILE, List.of("[source,console]", "----", "# true")))
                .hasMessageContaining("not closed");
    }
}
