package jocker.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jocker.engine.ContainerSummary;
import jocker.engine.CreateRequest;
import jocker.runtime.Stdio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a {@link FakeDaemon} that answers canned HTTP: what
 * {@code jocker -H} sends, in which order, and what it makes of the answers.
 */
@Timeout(30)
@DisplayName("jocker -H: the Engine API client, against a stand-in daemon")
class RemoteEngineTest {

    static final String ID = "4f1c".repeat(16);

    @TempDir
    Path dir;
    FakeDaemon daemon;
    RemoteEngine engine;

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    void serve(FakeDaemon.Handler handler) throws Exception {
        Path socket = dir.resolve("d.sock");
        daemon = new FakeDaemon(socket, handler);
        engine = RemoteEngine.connect("unix://" + socket);
    }

    static byte[] frame(int stream, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + data.length).put((byte) stream).put(new byte[3]).putInt(data.length)
                .put(data).array();
    }

    @Test
    @DisplayName("run in the foreground: create, attach (101), wait, then start; output split; the wait's status")
    void runAttached() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        serve((request, out) -> {
            String path = request.path();
            if (request.method().equals("HEAD") && path.equals("/_ping")) {
                FakeDaemon.answer(out, 200, "OK", null);
            } else if (path.startsWith("/v1.41/containers/create")) {
                assertThat(request.body()).contains("\"Image\":\"busybox\"", "\"AutoRemove\":true");
                FakeDaemon.answer(out, 201, "Created", "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            } else if (path.contains("/attach")) {
                assertThat(request.headers()).containsEntry("upgrade", "tcp");
                out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                started.await(10, TimeUnit.SECONDS);
                out.write(frame(1, "hi\n"));
                out.flush();
                out.write(frame(2, "oops\n"));
            } else if (path.contains("/wait")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                started.await(10, TimeUnit.SECONDS);
                Thread.sleep(200); // the attach ends first
                byte[] body = "{\"StatusCode\":3,\"Error\":null}\n".getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else if (path.endsWith("/start")) {
                FakeDaemon.answer(out, 204, "No Content", null);
                started.countDown();
            } else {
                FakeDaemon.answer(out, 404, "Not Found", "{\"message\":\"page not found\"}");
            }
        });
        Path stdout = dir.resolve("out");
        Path stderr = dir.resolve("err");

        String id = engine.create(new CreateRequest("busybox", List.of("sh", "-c", "echo hi"), null, null,
                List.of(), "/", true));
        int status = engine.runAttached(id, new Stdio(Redirect.INHERIT, Redirect.to(stdout.toFile()),
                Redirect.to(stderr.toFile())));

        assertThat(status).isEqualTo(3);
        assertThat(Files.readString(stdout)).isEqualTo("hi\n");
        assertThat(Files.readString(stderr)).isEqualTo("oops\n");
        List<String> requests = daemon.requests();
        assertThat(requests).startsWith("HEAD /_ping", "POST /v1.41/containers/create");
        assertThat(requests).containsSubsequence("POST /v1.41/containers/" + ID + "/attach?stream=1&stdout=1&stderr=1",
                "POST /v1.41/containers/" + ID + "/wait?condition=removed", "POST /v1.41/containers/" + ID + "/start");
    }

    @Test
    @DisplayName("ps: the daemon's list, with Docker's names and commands as jocker ps prints them")
    void list() throws Exception {
        serve((request, out) -> {
            if (request.path().equals("/_ping")) {
                FakeDaemon.answer(out, 200, "OK", null);
            } else {
                assertThat(request.line()).isEqualTo("GET /v1.41/containers/json?all=1");
                FakeDaemon.answer(out, 200, "OK", "[{\"Id\":\"" + ID + "\",\"Names\":[\"/web\"],\"Image\":\"busybox\","
                        + "\"Command\":\"sleep 60\",\"Created\":1764527000,\"State\":\"running\","
                        + "\"Status\":\"Up 5 seconds\",\"Ports\":[],\"Labels\":{}}]");
            }
        });

        List<ContainerSummary> list = engine.list(true);

        assertThat(list).singleElement().satisfies(s -> {
            assertThat(s.shortId()).isEqualTo(ID.substring(0, 12));
            assertThat(s.name()).isEqualTo("web");
            assertThat(s.command()).containsExactly("sleep 60");
            assertThat(s.state()).isEqualTo("running");
            assertThat(s.status()).isEqualTo("Up 5 seconds");
        });
    }

    @Test
    @DisplayName("exec: create, start hijacked, then the exec's ExitCode")
    void exec() throws Exception {
        serve((request, out) -> {
            String path = request.path();
            if (path.equals("/_ping")) {
                FakeDaemon.answer(out, 200, "OK", null);
            } else if (path.endsWith("/exec")) {
                assertThat(request.body()).contains("\"Cmd\":[\"hostname\"]");
                FakeDaemon.answer(out, 201, "Created", "{\"Id\":\"e1\"}");
            } else if (path.endsWith("/exec/e1/start")) {
                out.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(frame(1, "box\n"));
            } else if (path.endsWith("/exec/e1/json")) {
                FakeDaemon.answer(out, 200, "OK", "{\"ID\":\"e1\",\"Running\":false,\"ExitCode\":7}");
            }
        });
        Path stdout = dir.resolve("out");

        int status = engine.exec("web", List.of("hostname"), List.of(), null, null,
                new Stdio(Redirect.INHERIT, Redirect.to(stdout.toFile()), Redirect.INHERIT));

        assertThat(status).isEqualTo(7);
        assertThat(Files.readString(stdout)).isEqualTo("box\n");
    }

    @Test
    @DisplayName("the daemon's error: its message, as Docker's CLI words it; exit status 1 for no such container")
    void errors() throws Exception {
        serve((request, out) -> {
            if (request.path().equals("/_ping")) {
                FakeDaemon.answer(out, 200, "OK", null);
            } else if (request.path().contains("nosuch")) {
                FakeDaemon.answer(out, 404, "Not Found", "{\"message\":\"No such container: nosuch\"}");
            } else {
                FakeDaemon.answer(out, 409, "Conflict", "{\"message\":\"container web is running\"}");
            }
        });

        assertThatThrownBy(() -> engine.stop("nosuch", Duration.ofSeconds(1))).isInstanceOfSatisfying(
                DaemonException.class, e -> {
                    assertThat(e).hasMessage("Error response from daemon: No such container: nosuch");
                    assertThat(e.exitStatus()).isEqualTo(1);
                });
        assertThatThrownBy(() -> engine.remove("web", false)).isInstanceOfSatisfying(DaemonException.class,
                e -> assertThat(e.exitStatus()).isEqualTo(125));
    }

    @Test
    @DisplayName("a peer that does not speak HTTP: garbage, endless headers, a bad chunk, a close; each a clear error")
    void notHttp() throws Exception {
        String[] answers = {
            "SSH-2.0-OpenSSH_9.2\r\n",
            null, // endless headers
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "",
        };
        String[] errors = {
            "not an HTTP answer from the daemon: 'SSH-2.0-OpenSSH_9.2'",
            "head or chunk line over 65536 bytes",
            "a bad chunk size from the daemon: 'zz'",
            "closed the connection before it answered",
        };
        for (int i = 0; i < answers.length; i++) {
            String answer = answers[i];
            tearDown();
            Files.deleteIfExists(dir.resolve("d.sock"));
            serve((request, out) -> {
                if (request.path().equals("/_ping")) {
                    FakeDaemon.answer(out, 200, "OK", null);
                } else if (answer == null) {
                    out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    byte[] header = "X-More: yes\r\n".getBytes(StandardCharsets.ISO_8859_1);
                    for (int n = 0; n < 1 << 20; n += header.length) { // 1 MiB, or until the client hangs up
                        out.write(header);
                    }
                } else {
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                }
            });
            assertThatThrownBy(() -> engine.list(true)).as(errors[i]).hasStackTraceContaining(errors[i]);
        }
    }

    @Test
    @DisplayName("the API version: the lower of the daemon's and 1.41; 1.24 when the ping names none")
    void apiVersion() throws Exception {
        serve((request, out) -> {
            if (request.path().equals("/_ping")) {
                out.write("HTTP/1.1 200 OK\r\nApi-Version: 1.45\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } else {
                FakeDaemon.answer(out, 204, "No Content", null);
            }
        });

        engine.kill("web", 15);

        assertThat(daemon.requests()).containsExactly("HEAD /_ping", "POST /v1.41/containers/web/kill?signal=15");
        assertThat(DaemonClient.lower("1.9", "1.41")).isEqualTo("1.9");
        assertThat(DaemonClient.lower("1.44", "1.41")).isEqualTo("1.41");
    }

    @Test
    @DisplayName("logs: its options in the query; stdout's frames to out, stderr's to err")
    void logs() throws Exception {
        serve((request, out) -> {
            if (request.path().equals("/_ping")) {
                FakeDaemon.answer(out, 200, "OK", null);
            } else {
                assertThat(request.path()).isEqualTo("/v1.41/containers/web/logs?stdout=1&stderr=1&tail=2"
                        + "&since=1764527000.500000000&timestamps=1");
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(frame(1, "a\n"));
                body.writeBytes(frame(2, "b\n"));
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.size() + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                body.writeTo(out);
            }
        });
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        engine.logs("web", new LogsQuery(false, "2", java.time.Instant.ofEpochSecond(1764527000, 500_000_000), null,
                true), stdout, stderr);

        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("a\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("b\n");
    }
}
