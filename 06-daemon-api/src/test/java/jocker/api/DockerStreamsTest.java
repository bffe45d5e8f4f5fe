package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("jockerd runs containers, which needs root")
@Timeout(180)
@DisplayName("A container's streams through jockerd, as the real docker CLI uses them")
class DockerStreamsTest {

    @TempDir
    static Path dir;
    static Jockerd daemon;

    @BeforeAll
    static void start() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(dir);
        daemon.assertServerIsJocker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    @DisplayName("docker run --rm: stdout on stdout, stderr on stderr, the exit status passed through")
    void runAttached() throws Exception {
        Jockerd.Result r = daemon.docker("run", "--rm", "busybox", "sh", "-c", "echo hi; echo err >&2; exit 3");

        assertThat(r.out()).as("%s", r).isEqualTo("hi\n");
        assertThat(r.err()).as("%s", r).isEqualTo("err\n");
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
    }

    @Test
    @DisplayName("echo data | docker run -i --rm busybox cat: stdin reaches the container, and its end too")
    void stdin() throws Exception {
        Jockerd.Result r = daemon.dockerWithInput("data\nmore\n", "run", "-i", "--rm", "busybox", "cat");

        assertThat(r.out()).as("%s", r).isEqualTo("data\nmore\n");
        assertThat(r.exit()).as("%s", r).isZero();
    }

    @Test
    @DisplayName("docker logs keeps the streams apart; --tail; logs -f ends when the container exits")
    void logs() throws Exception {
        Jockerd.Result run = daemon.docker("run", "-d", "--name", "talker", "busybox", "sh", "-c",
                "echo one; echo two >&2; sleep 1; echo three; sleep 2; echo four");
        // stdout and stderr are two pipes, two readers: a second apart, their order in the log is certain
        assertThat(run.exit()).as("%s", run).isZero();
        Await.until(Duration.ofSeconds(20), () -> "three", () -> daemon.docker("logs", "talker").out().contains("three"));

        Jockerd.Result logs = daemon.docker("logs", "talker");
        Jockerd.Result tail = daemon.docker("logs", "--tail", "1", "talker");
        Instant start = Instant.now();
        Jockerd.Result follow = daemon.docker("logs", "-f", "talker");
        Duration took = Duration.between(start, Instant.now());

        assertThat(logs.out()).as("%s", logs).startsWith("one\nthree\n");
        assertThat(logs.err()).as("%s", logs).isEqualTo("two\n");
        assertThat(tail.out() + tail.err()).as("%s", tail).isIn("three\n", "four\n");
        assertThat(follow.out()).as("%s", follow).isEqualTo("one\nthree\nfour\n");
        assertThat(follow.exit()).isZero();
        assertThat(took).as("logs -f waited for the exit, then ended").isLessThan(Duration.ofSeconds(30));
        daemon.docker("rm", "-f", "talker");
    }

    @Test
    @DisplayName("docker run -it through a pty: a prompt, a typed command runs, exit 7 gives 7")
    void runInteractive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) (util-linux) to make a pty");
        ProcessBuilder builder = new ProcessBuilder("script", "-qec",
                "stty rows 25 cols 77; docker run -it --rm busybox sh", "/dev/null").redirectErrorStream(true);
        daemon.environment(builder.environment());
        Process script = builder.start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(script.getInputStream(), seen));
        reader.start();
        try (OutputStream keys = script.getOutputStream()) {
            Await.until(Duration.ofSeconds(60), () -> "a prompt; the terminal shows: " + text(seen),
                    () -> text(seen).contains("/ # "));
            keys.write("echo $((6 * 7))\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(20), () -> "42; the terminal shows: " + text(seen),
                    () -> text(seen).contains("42\r\n"));
            // The CLI resizes after the start, which answers once the shell runs: ask until the size has come.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!text(seen).contains("25 77") && System.nanoTime() < deadline) {
                keys.write("stty size\n".getBytes(StandardCharsets.US_ASCII));
                keys.flush();
                Thread.sleep(500);
            }
            keys.write("exit 7\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(30), () -> "docker to exit; the terminal shows: " + text(seen),
                    () -> !script.isAlive());
        } finally {
            script.destroyForcibly();
            reader.join(5000);
        }
        assertThat(script.exitValue()).as("the terminal showed: %s", text(seen)).isEqualTo(7);
        assertThat(text(seen)).as("the size the CLI sent with resize").contains("25 77");
    }

    @Test
    @DisplayName("docker exec -it: the exec's own terminal, resized as the CLI's, its exit status passed through")
    void execInteractive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) (util-linux) to make a pty");
        Jockerd.Result run = daemon.docker("run", "-d", "--name", "sleeper", "busybox", "sleep", "100");
        assertThat(run.exit()).as("%s", run).isZero();
        String seen = typeInto("stty rows 21 cols 61; docker exec -it sleeper sh", "tty\n", "/dev/pts/0", "21 61",
                "exit 4\n", 4);
        assertThat(seen).as("the size the CLI sent with resize").contains("21 61");
        daemon.docker("rm", "-f", "sleeper");
    }

    @Test
    @DisplayName("docker logs of a container with a TTY: the raw output, and -t's times")
    void logsOfTty() throws Exception {
        Jockerd.Result run = daemon.docker("run", "-t", "--name", "ttylog", "busybox", "echo", "hello");
        Jockerd.Result logs = daemon.docker("logs", "-t", "ttylog");

        assertThat(run.out()).as("%s", run).isEqualTo("hello\r\n");
        assertThat(logs.out()).as("%s", logs).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z hello\r\n");
        daemon.docker("rm", "-f", "ttylog");
    }

    /**
     * Runs {@code command} in a pty made by script(1), types {@code first}
     * once a prompt shows, waits for {@code expect}, asks {@code stty size}
     * until it says {@code size} (the CLI resizes after the start), types
     * {@code last} and checks the exit status; returns what the terminal showed.
     */
    private static String typeInto(String command, String first, String expect, String size, String last,
            int status) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        daemon.environment(builder.environment());
        Process script = builder.start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(script.getInputStream(), seen));
        reader.start();
        try (OutputStream keys = script.getOutputStream()) {
            Await.until(Duration.ofSeconds(60), () -> "a prompt; the terminal shows: " + text(seen),
                    () -> text(seen).contains("/ # "));
            keys.write(first.getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(20), () -> expect + "; the terminal shows: " + text(seen),
                    () -> text(seen).contains(expect));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!text(seen).contains(size) && System.nanoTime() < deadline) {
                keys.write("stty size\n".getBytes(StandardCharsets.US_ASCII));
                keys.flush();
                Thread.sleep(500);
            }
            keys.write(last.getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            Await.until(Duration.ofSeconds(30), () -> "the end; the terminal shows: " + text(seen),
                    () -> !script.isAlive());
        } finally {
            script.destroyForcibly();
            reader.join(5000);
        }
        assertThat(script.exitValue()).as("the terminal showed: %s", text(seen)).isEqualTo(status);
        return text(seen);
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
