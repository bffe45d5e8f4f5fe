package jocker.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's demultiplexer, fed as a socket feeds it: frames whole, in
 * pieces, several in one read. The frames are built here byte by byte
 * (stream, three zeros, the size big-endian), as Docker sends them.
 */
@DisplayName("Exercise 6.11: the client splits a multiplexed stream into stdout and stderr")
class FrameDemuxTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final FrameDemux demux = new FrameDemux(out, err);

    static byte[] frame(int stream, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + data.length).put((byte) stream).put(new byte[3]).putInt(data.length)
                .put(data).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Graded(exercise = "6.11", points = 2)
    @DisplayName("each frame's payload goes to its stream, headers to neither; feed counts the payload bytes")
    void routesByStream() throws IOException {
        byte[] stream = concat(frame(1, "hi\n"), frame(2, "oops\n"), frame(1, "bye\n"));

        long payload = demux.feed(stream, 0, stream.length);
        demux.finish();

        assertThat(out()).isEqualTo("hi\nbye\n");
        assertThat(err()).isEqualTo("oops\n");
        assertThat(payload).isEqualTo(3 + 5 + 4);
    }

    @Test
    @Graded(exercise = "6.11", points = 3)
    @DisplayName("frames cut anywhere (one byte at a time, or in random pieces) come out whole and in order")
    void framesSplitAcrossReads() throws IOException {
        Random random = new Random(611);
        StringBuilder expectOut = new StringBuilder();
        StringBuilder expectErr = new StringBuilder();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            String text = "line " + i + " " + "x".repeat(random.nextInt(300)) + "\n";
            boolean toErr = random.nextInt(3) == 0;
            (toErr ? expectErr : expectOut).append(text);
            stream.writeBytes(frame(toErr ? 2 : 1, text));
        }
        byte[] all = stream.toByteArray();

        for (int i = 0; i < 300; i++) { // one byte at a time: every header split at every position
            demux.feed(all, i, 1);
        }
        for (int at = 300; at < all.length; ) { // then pieces of 1 to 40 bytes
            int n = Math.min(all.length - at, 1 + random.nextInt(40));
            demux.feed(all, at, n);
            at += n;
        }
        demux.finish();

        assertThat(out()).isEqualTo(expectOut.toString());
        assertThat(err()).isEqualTo(expectErr.toString());
    }

    @Test
    @Graded(exercise = "6.11", points = 2)
    @DisplayName("an empty frame carries nothing; stream 0 (stdin) goes to stdout, as Docker's stdcopy does")
    void emptyFramesAndStdin() throws IOException {
        byte[] stream = concat(frame(1, ""), frame(0, "typed\n"), frame(2, ""), frame(1, "seen\n"));
        byte[] piece = new byte[stream.length + 4];
        System.arraycopy(stream, 0, piece, 4, stream.length); // an offset into a larger array, as from a buffer

        assertThat(demux.feed(piece, 4, stream.length)).isEqualTo(11);
        demux.finish();

        assertThat(out()).isEqualTo("typed\nseen\n");
        assertThat(err()).isEmpty();
    }

    @Test
    @Graded(exercise = "6.11", points = 3)
    @DisplayName("a stream that ends inside a header or inside a payload is an error; between frames it is not")
    void endOfStreamInsideAFrame() throws IOException {
        byte[] whole = frame(1, "complete\n");
        FrameDemux insideHeader = new FrameDemux(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        insideHeader.feed(whole, 0, 5);
        FrameDemux insidePayload = new FrameDemux(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        insidePayload.feed(whole, 0, 12);

        demux.feed(whole, 0, whole.length);
        demux.finish();

        assertThat(out()).isEqualTo("complete\n");
        assertThatThrownBy(insideHeader::finish).isInstanceOf(EOFException.class);
        assertThatThrownBy(insidePayload::finish).isInstanceOf(EOFException.class).hasMessageContaining("5");
    }

    @Test
    @DisplayName("a header naming no stream (a TTY's raw bytes read as frames) is refused")
    void unknownStream() {
        byte[] raw = "hello, world\n".getBytes(StandardCharsets.US_ASCII); // 'h' = 104: no such stream

        assertThatThrownBy(() -> demux.feed(raw, 0, raw.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("stream 104");
    }
}
