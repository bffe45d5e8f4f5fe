package jocker.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jocker.cli.Jocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of chapters 2 to 5 with {@code -H}: the same commands, their
 * engine the daemon's. A {@link FakeDaemon} answers; no container is run,
 * and no state directory is touched.
 */
@Timeout(30)
@DisplayName("jocker -H: the same commands, sent to the daemon")
class RemoteCliTest {

    static final String ID = "9a8b".repeat(16);

    @TempDir
    Path dir;
    FakeDaemon daemon;
    String host;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream systemOut;
    PrintStream systemErr;

    @BeforeEach
    void setUp() throws Exception {
        Path socket = dir.resolve("d.sock");
        host = "unix://" + socket;
        daemon = new FakeDaemon(socket, (request, answer) -> {
            String path = request.path();
            if (path.equals("/_ping")) {
                FakeDaemon.answer(answer, 200, "OK", null);
            } else if (path.startsWith("/v1.41/containers/json")) {
                FakeDaemon.answer(answer, 200, "OK", "[{\"Id\":\"" + ID + "\",\"Names\":[\"/ticker\"],"
                        + "\"Image\":\"busybox\",\"Command\":\"sleep 60\",\"Created\":1764527000,"
                        + "\"State\":\"running\",\"Status\":\"Up 3 seconds\"}]");
            } else if (path.equals("/v1.41/version")) {
                FakeDaemon.answer(answer, 200, "OK", "{\"Platform\":{\"Name\":\"Stand-in Engine\"},"
                        + "\"Version\":\"0.0.1\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.24\","
                        + "\"Os\":\"linux\",\"Arch\":\"amd64\"}");
            } else {
                FakeDaemon.answer(answer, 404, "Not Found", "{\"message\":\"No such container: nosuch\"}");
            }
        });
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() throws Exception {
        System.setOut(systemOut);
        System.setErr(systemErr);
        daemon.close();
    }

    int jocker(String... args) {
        picocli.CommandLine cli = Jocker.commandLine();
        cli.setErr(new java.io.PrintWriter(System.err, true));
        return cli.execute(args);
    }

    @Test
    @DisplayName("ps -H lists the daemon's containers, asked with GET /containers/json")
    void ps() {
        int status = jocker("-H", host, "ps");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(ID.substring(0, 12), "ticker", "Up 3 seconds");
        assertThat(daemon.requests()).containsExactly("HEAD /_ping", "GET /v1.41/containers/json");
    }

    @Test
    @DisplayName("the daemon's 404 is printed as Docker's CLI prints it, with exit status 1")
    void noSuchContainer() {
        int status = jocker("-H", host, "stop", "nosuch");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("jocker: Error response from daemon: No such container: nosuch");
    }

    @Test
    @DisplayName("a command that works on this machine's store only says so with -H, and runs nothing locally")
    void localOnlyCommandRefused() {
        int status = jocker("-H", host, "images");

        assertThat(status).isEqualTo(Jocker.ENGINE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("images is not available with -H yet");
        assertThat(daemon.requests()).isEmpty();
    }

    @Test
    @DisplayName("version -H names the daemon that answers, from its GET /version")
    void version() {
        int status = jocker("-H", host, "version");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Server: Stand-in Engine", "0.0.1",
                "1.41 (minimum version 1.24)", "linux/amd64");
    }
}
