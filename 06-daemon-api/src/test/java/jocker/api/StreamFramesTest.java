package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import jocker.course.Graded;
import org.junit.jupiter.api.Test;

class StreamFramesTest {

    @Test
    @Graded(exercise = "6.1", points = 2)
    void headerNamesTheStreamAndTheSizeBigEndian() {
        assertThat(StreamFrames.header(StreamFrames.STDOUT, 5)).containsExactly(1, 0, 0, 0, 0, 0, 0, 5);
        assertThat(StreamFrames.header(StreamFrames.STDERR, 0x01020304)).containsExactly(2, 0, 0, 0, 1, 2, 3, 4);
        assertThat(StreamFrames.header(StreamFrames.STDIN, 0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    @Graded(exercise = "6.1", points = 2)
    void sizesAboveTwoGigabytesAreUnsignedOnTheWire() {
        // The largest frame Java can hold is Integer.MAX_VALUE; its top byte must be 0x7f, never sign-extended.
        byte[] h = StreamFrames.header(StreamFrames.STDOUT, Integer.MAX_VALUE);
        assertThat(ByteBuffer.wrap(h, 4, 4).getInt()).isEqualTo(Integer.MAX_VALUE);
        byte[] odd = StreamFrames.header(StreamFrames.STDOUT, 0x00ff80ff);
        assertThat(odd).containsExactly(1, 0, 0, 0, 0, (byte) 0xff, (byte) 0x80, (byte) 0xff);
    }

    @Test
    @Graded(exercise = "6.1", points = 1)
    void framesFollowEachOtherOnOneStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamFrames.write(out, StreamFrames.STDOUT, "hi\n".getBytes(), 0, 3);
        StreamFrames.write(out, StreamFrames.STDERR, "xerr\n".getBytes(), 1, 4);
        assertThat(out.toByteArray()).containsExactly(1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n',
                2, 0, 0, 0, 0, 0, 0, 4, 'e', 'r', 'r', '\n');
    }

    @Test
    void badStreamsAndSizesAreRefused() {
        assertThatThrownBy(() -> StreamFrames.header(3, 1)).hasMessageContaining("no such stream");
        assertThatThrownBy(() -> StreamFrames.header(1, -1)).hasMessageContaining("-1 bytes");
    }
}
