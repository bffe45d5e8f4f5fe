package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where a resumed upload goes on: the registry's Range header. */
@DisplayName("An upload's next offset")
class UploadRangeTest {

    @Test
    @Graded(exercise = "7.8", points = 8)
    @DisplayName("Range 0-N means N + 1 bytes are there; 0-0 and no Range mean none")
    void nextOffset() {
        assertThat(UploadRange.nextOffset("0-1048575")).isEqualTo(1_048_576);
        assertThat(UploadRange.nextOffset("0-1")).isEqualTo(2);
        assertThat(UploadRange.nextOffset("0-0")).isZero();
        assertThat(UploadRange.nextOffset(null)).isZero();
        assertThat(UploadRange.nextOffset("bytes=0-99")).isEqualTo(100);
        assertThat(UploadRange.nextOffset(" 0-8589934591 ")).isEqualTo(8_589_934_592L);
    }

    @Test
    @Graded(exercise = "7.8", points = 4)
    @DisplayName("a Range that does not start at 0, or is no range, is an error that quotes it")
    void malformed() {
        assertThatThrownBy(() -> UploadRange.nextOffset("5-10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5-10'");
        assertThatThrownBy(() -> UploadRange.nextOffset("0-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0-x'");
        assertThatThrownBy(() -> UploadRange.nextOffset("12")).isInstanceOf(IllegalArgumentException.class);
    }
}
