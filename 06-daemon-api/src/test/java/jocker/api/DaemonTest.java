package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jockerd itself: the socket, the versions, hijacked connections, bad clients, a second daemon. */
@RequiresRoot
class DaemonTest {

    @TempDir
    Path tmp;

    private Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = Jockerd.start(tmp.resolve("d"));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    @Graded(exercise = "6.2", points = 2)
    void theDockerCliTalksToJockerAtApi141() throws Exception {
        Jockerd.assumeDockerCli();
        daemon.assertServerIsJocker();
        Jockerd.Result v = daemon.docker("version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}}");
        assertThat(v.out().strip()).isEqualTo(ApiVersions.CURRENT + " " + ApiVersions.MIN);
        Jockerd.Result info = daemon.docker("info", "--format", "{{.DockerRootDir}} {{.OSType}}");
        assertThat(info.exit()).as("%s", info).isZero();
        assertThat(info.out().strip()).isEqualTo(daemon.root() + " linux");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())))
                .as("the socket's mode: root and the jocker group only").isEqualTo("rw-rw----");
    }

    @Test
    @Graded(exercise = "6.2", points = 3)
    void aHijackedConnectionCarriesRawBytesBothWays() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "POST /v1.41/_test/echo HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: 0\r\n\r\n");
            InputStream in = Channels.newInputStream(ch);
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: tcp");
            send(ch, "hello\n");
            assertThat(frame(in)).isEqualTo("1:HELLO\n");
            send(ch, "again\n");
            assertThat(frame(in)).isEqualTo("1:AGAIN\n");
            ch.shutdownOutput(); // as the docker CLI does when it has no stdin to send
            assertThat(frame(in)).isEqualTo("2:bye\n");
            assertThat(in.read()).as("the server closes the connection at the end").isEqualTo(-1);
        }
    }

    @Test
    void withoutUpgradeAHijackAnswers200AndRawStreamAsDockerJavaExpects() throws Exception {
        try (SocketChannel ch = connect()) {
            String body = "{\"Detach\":false,\"Tty\":false}";
            send(ch, "POST /_test/echo HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            InputStream in = Channels.newInputStream(ch);
            assertThat(readHead(in)).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("content-type: application/vnd.docker.multiplexed-stream");
            send(ch, "x");
            assertThat(frame(in)).isEqualTo("1:X");
        }
    }

    @Test
    @Graded(exercise = "6.2", points = 1)
    void garbageAndHugeHeadersGet400AndTheDaemonServesOn() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "NOT HTTP AT ALL\r\n\r\n");
            assertThat(readAll(Channels.newInputStream(ch))).startsWith("HTTP/1.1 400");
        }
        try (SocketChannel ch = connect()) {
            send(ch, "GET /_ping HTTP/1.1\r\nHost: d\r\nX-Big: " + "a".repeat(200_000) + "\r\n\r\n");
            // 400, or the connection reset: the daemon closes while the rest of the header is still unread
            try {
                assertThat(readAll(Channels.newInputStream(ch))).startsWith("HTTP/1.1 4");
            } catch (java.net.SocketException reset) {
                assertThat(reset).hasMessageContaining("reset");
            }
        }
        try (SocketChannel ch = connect()) {
            send(ch, "POST /_test/json HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\n\r\n{bad}");
            assertThat(readHead(Channels.newInputStream(ch))).startsWith("HTTP/1.1 400");
        }
        try (SocketChannel ch = connect()) {
            send(ch, "GET /v1.41/no/such/endpoint HTTP/1.1\r\nHost: d\r\n\r\n");
            assertThat(readHead(Channels.newInputStream(ch))).startsWith("HTTP/1.1 404");
        }
        assertThat(daemon.process().isAlive()).isTrue();
        try (SocketChannel ch = connect()) {
            send(ch, "GET /_ping HTTP/1.0\r\n\r\n");
            assertThat(readAll(Channels.newInputStream(ch))).startsWith("HTTP/1.1 200").endsWith("OK");
        }
    }

    @Test
    void aStreamArrivesAsItIsWrittenWhileOtherClientsAreServed() throws Exception {
        try (SocketChannel echo = connect(); SocketChannel stream = connect()) {
            send(echo, "POST /_test/echo HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            InputStream echoIn = Channels.newInputStream(echo);
            assertThat(readHead(echoIn)).startsWith("HTTP/1.1 101");
            send(stream, "GET /_test/stream?n=3 HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
            InputStream streamIn = Channels.newInputStream(stream);
            assertThat(readHead(streamIn)).startsWith("HTTP/1.1 200").containsIgnoringCase("chunked");
            // the hijacked connection is still open and served while the stream runs
            send(echo, "ping");
            assertThat(frame(echoIn)).isEqualTo("1:PING");
            String rest = new String(streamIn.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("{\"i\":0}", "{\"i\":2}").endsWith("0\r\n\r\n");
        }
    }

    @Test
    void aSecondDaemonOnTheSameStateIsRefusedAndSigtermCleansUp() throws Exception {
        Path pid = daemon.root().resolve("jockerd.pid");
        assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(daemon.pid()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process second = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "jocker.daemon.Jockerd", "--root", daemon.root().toString(), "--host",
                "unix://" + tmp.resolve("other.sock")).redirectErrorStream(true).start();
        String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor()).isEqualTo(1);
        assertThat(said).contains("another jockerd (pid " + daemon.pid() + ")");
        assertThat(daemon.stop()).as("exit status after SIGTERM").isIn(0, 143);
        assertThat(daemon.socket()).doesNotExist();
        assertThat(pid).doesNotExist();
        daemon.launch(); // and it starts again on the same socket
        try (SocketChannel ch = connect()) {
            send(ch, "GET /_ping HTTP/1.0\r\n\r\n");
            assertThat(readAll(Channels.newInputStream(ch))).startsWith("HTTP/1.1 200");
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
        return ch;
    }

    private static void send(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The response's status line and headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int c; matched < 4 && (c = in.read()) >= 0; ) {
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    /** One multiplexed frame as "stream:payload". */
    private static String frame(InputStream in) throws IOException {
        byte[] h = in.readNBytes(8);
        assertThat(h).as("a frame header").hasSize(8);
        int size = ByteBuffer.wrap(h, 4, 4).getInt();
        return h[0] + ":" + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static List<String> lines(String s) {
        return List.of(s.split("\n"));
    }
}
