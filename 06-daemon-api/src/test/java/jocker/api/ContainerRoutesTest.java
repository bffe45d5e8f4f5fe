package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.Stopper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("The container endpoints drive the engine (called in process, without HTTP)")
class ContainerRoutesTest {

    @TempDir
    Path state;
    InProcessApi api;

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(state);
        api = new InProcessApi(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ContainerState s : api.engine().store().list()) {
            s.process().ifPresent(p -> {
                p.destroyForcibly();
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            api.engine().remove(s.id(), true);
        }
        Shims.awaitNone(state); // waitRemoved's --rm container: its shim writes its last words after the removal
    }

    private String run(String name, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("Image", "busybox",
                "Cmd", List.of("sh", "-c", "while true; do sleep 1; done")));
        body.putAll(extra);
        InProcessApi.Answer created = api.call("POST", "/containers/create?name=" + name, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("Id").asText();
        InProcessApi.Answer started = api.call("POST", "/containers/" + id + "/start");
        assertThat(started.status()).as(started.text()).isEqualTo(204);
        return id;
    }

    @Test
    @DisplayName("create, start, inspect, list by label, stop and remove, with Docker's statuses")
    void lifeCycle() throws Exception {
        String id = run("web", Map.of("Labels", Map.of("app", "web"),
                "HostConfig", Map.of("Memory", 32 << 20, "RestartPolicy", Map.of("Name", "no",
                        "MaximumRetryCount", 0))));
        assertThat(api.call("POST", "/containers/" + id + "/start").status()).isEqualTo(304);
        assertThat(api.call("POST", "/containers/create?name=web", Map.of("Image", "busybox")).status())
                .isEqualTo(409);
        assertThat(api.call("POST", "/containers/create", Map.of("Image", "nosuchimage")).status()).isEqualTo(404);

        JsonNode inspect = api.call("GET", "/containers/web/json").json();
        assertThat(inspect.get("Id").asText()).isEqualTo(id);
        assertThat(inspect.get("Name").asText()).isEqualTo("/web");
        assertThat(inspect.at("/State/Running").asBoolean()).isTrue();
        long pid = inspect.at("/State/Pid").asLong();
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(inspect.at("/Config/Labels/app").asText()).isEqualTo("web");
        assertThat(inspect.at("/HostConfig/Memory").asLong()).isEqualTo(32 << 20);
        // a policy that restarts needs the daemon's watchdog (DaemonEventsTest): in process, "no"
        assertThat(inspect.at("/HostConfig/RestartPolicy/Name").asText()).isEqualTo("no");
        assertThat(inspect.at("/Path").asText()).isEqualTo("sh");

        String filter = URLEncoder.encode("{\"label\":[\"app=web\"]}", StandardCharsets.UTF_8);
        JsonNode listed = api.call("GET", "/containers/json?filters=" + filter).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).at("/Names/0").asText()).isEqualTo("/web");
        assertThat(listed.get(0).at("/Status").asText()).startsWith("Up ");
        String other = URLEncoder.encode("{\"label\":[\"app=db\"]}", StandardCharsets.UTF_8);
        assertThat(api.call("GET", "/containers/json?filters=" + other).json()).isEmpty();

        assertThat(api.call("POST", "/containers/" + id + "/stop?t=1").status()).isEqualTo(204);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        JsonNode stopped = api.call("GET", "/containers/" + id + "/json").json();
        assertThat(stopped.at("/State/Status").asText()).isEqualTo("exited");
        assertThat(stopped.at("/State/ExitCode").asInt()).isEqualTo(137);
        assertThat(api.call("POST", "/containers/" + id + "/stop").status()).isEqualTo(304);

        assertThat(api.call("DELETE", "/containers/" + id).status()).isEqualTo(204);
        InProcessApi.Answer gone = api.call("GET", "/containers/" + id + "/json");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message").asText()).isEqualTo("No such container: " + id);
    }

    @Test
    @DisplayName("wait?condition=removed answers the exit status of a container removed at its exit")
    void waitRemoved() throws Exception {
        InProcessApi.Answer created = api.call("POST", "/containers/create", Map.of("Image", "busybox",
                "Cmd", List.of("sh", "-c", "sleep 0.5; exit 3"), "HostConfig", Map.of("AutoRemove", true)));
        String id = created.json().get("Id").asText();
        CompletableFuture<InProcessApi.Answer> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return api.call("POST", "/containers/" + id + "/wait?condition=removed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(api.call("POST", "/containers/" + id + "/start").status()).isEqualTo(204);
        JsonNode result = waited.get(30, TimeUnit.SECONDS).json();
        assertThat(result.get("StatusCode").asInt()).isEqualTo(3);
        assertThat(api.call("GET", "/containers/" + id + "/json").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("exec: stdout and stderr come back as frames of their streams, and the exit code after")
    void exec() throws Exception {
        String id = run("box", Map.of());
        InProcessApi.Answer made = api.call("POST", "/containers/" + id + "/exec", Map.of("Cmd",
                List.of("sh", "-c", "echo out; echo err >&2; exit 5"), "AttachStdout", true, "AttachStderr", true));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String exec = made.json().get("Id").asText();
        InProcessApi.Answer started = api.call("POST", "/exec/" + exec + "/start", Map.of("Detach", false));
        Map<Integer, String> streams = demultiplex(started.body());
        assertThat(streams).containsEntry(1, "out\n").containsEntry(2, "err\n");
        JsonNode inspect = api.call("GET", "/exec/" + exec + "/json").json();
        assertThat(inspect.get("Running").asBoolean()).isFalse();
        assertThat(inspect.get("ExitCode").asInt()).isEqualTo(5);
        assertThat(inspect.get("ContainerID").asText()).isEqualTo(id);
    }

    private static Map<Integer, String> demultiplex(byte[] bytes) {
        Map<Integer, String> streams = new java.util.TreeMap<>();
        int at = 0;
        while (at + StreamFrames.HEADER <= bytes.length) {
            int stream = bytes[at];
            int size = java.nio.ByteBuffer.wrap(bytes, at + 4, 4).getInt();
            streams.merge(stream, new String(bytes, at + 8, size, StandardCharsets.UTF_8), String::concat);
            at += StreamFrames.HEADER + size;
        }
        return streams;
    }

    @Test
    @DisplayName("archive: a tar of file entries lands in the container with its parents; an escape is refused")
    void archive() throws Exception {
        String id = run("files", Map.of());
        InProcessApi.Answer put = api.call("PUT", "/containers/" + id + "/archive?path=/tmp", tar("sub/t.txt", "hi\n"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(api.call("PUT", "/containers/" + id + "/archive?path=/tmp", tar("../../escape", "x")).status())
                .isEqualTo(400);

        InProcessApi.Answer got = api.call("GET", "/containers/" + id + "/archive?path=/tmp/sub/t.txt");
        assertThat(got.status()).isEqualTo(200);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(got.body()))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("t.txt");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        }
        JsonNode stat = InProcessApi.JSON.readTree(Base64.getDecoder().decode(got.headers().get(PathStat.HEADER)));
        assertThat(stat.get("name").asText()).isEqualTo("t.txt");
        assertThat(stat.get("size").asLong()).isEqualTo(3);
        JsonNode dirStat = InProcessApi.JSON.readTree(Base64.getDecoder().decode(
                api.call("HEAD", "/containers/" + id + "/archive?path=/tmp/sub").headers().get(PathStat.HEADER)));
        assertThat(dirStat.get("mode").asLong() & (1L << 31)).as("Go's ModeDir").isNotZero();
        assertThat(api.call("HEAD", "/containers/" + id + "/archive?path=/nothing").status()).isEqualTo(404);

        JsonNode changes = api.call("GET", "/containers/" + id + "/changes").json();
        assertThat(changes.findValuesAsText("Path")).contains("/tmp/sub/t.txt");
    }

    private static byte[] tar(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    @DisplayName("top lists the container's processes; stats gives two samples of its cgroup's counters")
    void topAndStats() throws Exception {
        String id = run("busy", Map.of());
        JsonNode top = api.call("GET", "/containers/" + id + "/top").json();
        int pidColumn = List.of(InProcessApi.JSON.convertValue(top.get("Titles"), String[].class)).indexOf("PID");
        assertThat(pidColumn).isNotNegative();
        long pid = api.call("GET", "/containers/" + id + "/json").json().at("/State/Pid").asLong();
        assertThat(top.get("Processes")).anySatisfy(p -> assertThat(p.get(pidColumn).asText())
                .isEqualTo(Long.toString(pid)));

        JsonNode stats = api.call("GET", "/containers/" + id + "/stats?stream=false").json();
        assertThat(stats.at("/memory_stats/usage").asLong()).isPositive();
        assertThat(stats.at("/memory_stats/limit").asLong()).isPositive();
        assertThat(stats.at("/pids_stats/current").asLong()).isPositive();
        assertThat(stats.at("/cpu_stats/online_cpus").asInt()).isPositive();
        assertThat(stats.at("/cpu_stats/system_cpu_usage").asLong())
                .isGreaterThan(stats.at("/precpu_stats/system_cpu_usage").asLong());
        assertThat(stats.at("/precpu_stats/system_cpu_usage").asLong()).isPositive();
    }
}
