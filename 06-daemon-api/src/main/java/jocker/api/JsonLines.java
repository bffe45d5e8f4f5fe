package jocker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A stream of {@link JsonMessage}s to the client, one a line, each sent at
 * once (flushed): the client shows a build's steps as they happen. Several
 * threads may write (a build's steps and its containers' output): a line
 * is never split.
 */
final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] END = {'\r', '\n'};

    private final OutputStream out;

    JsonLines(OutputStream out) {
        this.out = out;
    }

    synchronized void write(JsonMessage message) throws IOException {
        out.write(MAPPER.writeValueAsBytes(message));
        out.write(END);
        out.flush();
    }

    /**
     * A print stream whose lines go out as {@code {"stream":"line\n"}}, each
     * after {@code before} ran (a build sends its containers' output first,
     * so that it comes before the step's next line).
     */
    PrintStream lines(Runnable before) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    before.run();
                    try {
                        JsonLines.this.write(JsonMessage.stream(line.toString(StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the client went away: the build stops
                    }
                    line.reset();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
