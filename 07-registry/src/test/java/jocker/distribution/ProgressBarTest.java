package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Docker's progress bar, character for character (moby pkg/jsonmessage, go-units HumanSize). */
@DisplayName("Docker's progress bar")
class ProgressBarTest {

    @Test
    @Graded(exercise = "7.7", points = 8)
    @DisplayName("a layer's bar: 50 columns, one '=' per 2 %, '>' at the head, sizes right-aligned in 8 columns")
    void bar() {
        assertThat(ProgressBar.line("Downloading", 1_081_000, 2_509_000)).isEqualTo(
                "Downloading [=====================>                             ]  1.081MB/2.509MB");
        assertThat(ProgressBar.bar(0, 30_000_000))
                .isEqualTo("[>" + " ".repeat(50) + "]       0B/30MB");
        assertThat(ProgressBar.bar(30_000_000, 30_000_000))
                .isEqualTo("[" + "=".repeat(50) + ">]     30MB/30MB");
        assertThat(ProgressBar.bar(999, 1_000)).startsWith("[" + "=".repeat(49) + "> ]");
    }

    @Test
    @Graded(exercise = "7.7", points = 4)
    @DisplayName("no total: only the bytes; no counts: only the status; more than the total: no total shown")
    void withoutCounts() {
        assertThat(ProgressBar.line("Pull complete", -1, -1)).isEqualTo("Pull complete");
        assertThat(ProgressBar.bar(2_500, -1)).isEqualTo("   2.5kB");
        assertThat(ProgressBar.bar(3_000, 2_000)).isEqualTo("[" + "=".repeat(50) + ">]      3kB");
    }

    @Test
    @DisplayName("sizes in decimal units with four significant digits, as go-units' HumanSize")
    void humanSizes() {
        assertThat(ProgressBar.humanSize(0)).isEqualTo("0B");
        assertThat(ProgressBar.humanSize(999)).isEqualTo("999B");
        assertThat(ProgressBar.humanSize(1_000)).isEqualTo("1kB");
        assertThat(ProgressBar.humanSize(27_092_000)).isEqualTo("27.09MB");
        assertThat(ProgressBar.humanSize(27_096_000)).isEqualTo("27.1MB");
        assertThat(ProgressBar.humanSize(999_999)).isEqualTo("1000kB");
        assertThat(ProgressBar.humanSize(1_234_567_890)).isEqualTo("1.235GB");
    }
}
