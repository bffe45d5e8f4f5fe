package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What jocker pull prints: redrawn bars on a terminal, plain lines elsewhere. */
@DisplayName("Pull and push progress on the screen")
class ProgressPrinterTest {

    private static String print(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        p.line("1: Pulling from lib/bb");
        p.layer("aaaaaaaaaaaa", "Pulling fs layer", -1, -1);
        p.layer("bbbbbbbbbbbb", "Pulling fs layer", -1, -1);
        p.layer("aaaaaaaaaaaa", "Downloading", 0, 2_000_000);
        p.layer("aaaaaaaaaaaa", "Downloading", 2_000_000, 2_000_000);
        p.layer("aaaaaaaaaaaa", "Pull complete", -1, -1);
        p.line("Status: Downloaded newer image for 127.0.0.1:5000/lib/bb:1");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("not a terminal: one line per change of state, no bars, no escapes")
    void plain() {
        assertThat(print(false)).isEqualTo("""
                1: Pulling from lib/bb
                aaaaaaaaaaaa: Pulling fs layer
                bbbbbbbbbbbb: Pulling fs layer
                aaaaaaaaaaaa: Downloading
                aaaaaaaaaaaa: Pull complete
                Status: Downloaded newer image for 127.0.0.1:5000/lib/bb:1
                """);
    }

    @Test
    @DisplayName("a terminal: a layer's line is redrawn in place, two lines up for the first of two layers")
    void terminal() {
        String out = print(true);
        assertThat(out).contains("\033[2Kbbbbbbbbbbbb: Pulling fs layer\n");
        assertThat(out).contains("\033[2A\033[2K\raaaaaaaaaaaa: Downloading [" + "=".repeat(50) + ">]      2MB/2MB\r"
                + "\033[2B");
        assertThat(out).endsWith("\033[2B" + "Status: Downloaded newer image for 127.0.0.1:5000/lib/bb:1\n");
    }
}
