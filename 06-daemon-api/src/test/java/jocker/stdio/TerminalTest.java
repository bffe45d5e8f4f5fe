package jocker.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.Await;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Exercise 6.6: a pseudo-terminal as the container's controlling terminal")
class TerminalTest {

    @TempDir
    Path state;
    StreamsEngine streams;

    @BeforeEach
    void setUp() {
        streams = new StreamsEngine(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        streams.close();
        JockerCommand.removeAll(state);
    }

    /**
     * Runs {@code script} with a TTY after a line on its stdin, once the
     * terminal has been resized to {@code rows} x {@code columns}; returns
     * all it wrote.
     */
    private String runWithTerminal(String script, int rows, int columns) throws Exception {
        ContainerState c = streams.create("read go; " + script, new StdioOptions(true, true, true));
        streams.engine.startDetached(c.id());
        streams.streams.resize(c.id(), rows, columns);
        try (OutputStream stdin = streams.streams.stdin(c.id())) {
            stdin.write("go\n".getBytes(StandardCharsets.US_ASCII));
        }
        streams.awaitExit(c.id());
        return StreamsEngine.text(streams.entries(c.id(), LogQuery.all()));
    }

    @Test
    @Graded(exercise = "6.6", points = 2)
    @DisplayName("with a TTY, stdin, stdout and stderr are the container's own /dev/pts/0")
    void ttyInside() throws Exception {
        String out = runWithTerminal("tty; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all three are terminals", 24, 80);

        assertThat(out).contains("/dev/pts/0\r\n").contains("all three are terminals");
    }

    @Test
    @Graded(exercise = "6.6", points = 4)
    @DisplayName("the terminal is the controlling terminal of the init, which leads its own session")
    void controllingTerminal() throws Exception {
        String out = runWithTerminal("echo stat: $(cut -d' ' -f6,7 /proc/1/stat)", 24, 80);

        // /proc/1/stat: field 6 the session, field 7 the controlling terminal's device number (0: none).
        Matcher stat = Pattern.compile("stat: (\\d+) (\\d+)").matcher(out);
        assertThat(stat.find()).as("the output: %s", out).isTrue();
        assertThat(stat.group(1)).as("the session of PID 1").isEqualTo("1");
        long pts0 = 136 << 8; // makedev(136, 0): Unix98 pty slaves have major 136
        assertThat(Long.parseLong(stat.group(2))).as("the controlling terminal of PID 1, /dev/pts/0").isEqualTo(pts0);
    }

    @Test
    @Graded(exercise = "6.6", points = 2)
    @DisplayName("resize sets the terminal's window size, which stty inside reads")
    void resize() throws Exception {
        String out = runWithTerminal("stty size", 41, 123);

        assertThat(out).contains("41 123");
    }

    @Test
    @Graded(exercise = "6.6", points = 3)
    @DisplayName("jocker run -it through a pty: a prompt, a command typed runs, exit 7 gives 7")
    void runInteractive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) (util-linux) to make a pty");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jocker = java + " -cp " + System.getProperty("java.class.path") + " jocker.cli.Jocker --root " + state
                + " run -it --rm busybox sh";
        Process script = new ProcessBuilder("script", "-qec", "stty rows 30 cols 90; " + jocker, "/dev/null")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(script.getInputStream(), seen));
        reader.start();
        try (OutputStream keys = script.getOutputStream()) {
            Await.until(Duration.ofSeconds(60), () -> "a prompt; the terminal shows: " + seen,
                    () -> text(seen).contains("/ # "));
            keys.write("echo $((6 * 7)); stty size\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(20), () -> "42; the terminal shows: " + seen,
                    () -> text(seen).contains("42\r\n"));
            keys.write("exit 7\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(30), () -> "jocker to exit; the terminal shows: " + seen,
                    () -> !script.isAlive());
        } finally {
            script.destroyForcibly();
            reader.join(5000);
        }
        assertThat(script.exitValue()).as("the status of jocker run -it; the terminal showed: %s", seen).isEqualTo(7);
        assertThat(text(seen)).as("the window size of the user's terminal, given to the container's")
                .contains("30 90");
        assertThat(streams.engine.store().list()).as("--rm").isEmpty();
    }

    private static String text(ByteArrayOutputStream seen) {
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        byte[] buffer = new byte[4096];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                synchronized (to) {
                    to.write(buffer, 0, n);
                }
            }
        } catch (java.io.IOException ended) {
            // the process is gone
        }
    }
}
