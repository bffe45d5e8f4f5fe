package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jocker.cgroups.CgroupFeature;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.Stopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers and cgroups need root")
@Timeout(90)
@DisplayName("Exercise 6.4: the limits of a container created through the API are the kernel's")
class LimitsInTheKernelTest {

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
    }

    @Test
    @Graded(exercise = "6.4", points = 3)
    @DisplayName("Memory, NanoCpus, CpuShares and PidsLimit of the create body are in the cgroup of the"
            + " container's process")
    void limitsReachTheCgroup() throws Exception {
        InProcessApi.Answer created = api.call("POST", "/containers/create?name=limited", Map.of("Image", "busybox",
                "Cmd", List.of("sh", "-c", "while true; do sleep 1; done"),
                "HostConfig", Map.of("Memory", 32 << 20, "NanoCpus", 500_000_000L, "CpuShares", 512,
                        "PidsLimit", 20)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("Id").asText();
        assertThat(api.call("POST", "/containers/" + id + "/start").status()).isEqualTo(204);
        long pid = api.engine().store().read(id).pid();

        if (Files.exists(cgroupFile(id, pid, "memory.max"))) { // cgroup v2
            assertThat(read(id, pid, "memory.max")).isEqualTo(Long.toString(32 << 20));
            assertThat(read(id, pid, "cpu.max")).isEqualTo("50000 100000");
            assertThat(read(id, pid, "pids.max")).isEqualTo("20");
            return;
        }
        assertThat(read(id, pid, "memory.limit_in_bytes")).isEqualTo(Long.toString(32 << 20));
        assertThat(read(id, pid, "cpu.cfs_quota_us")).isEqualTo("50000");
        assertThat(read(id, pid, "cpu.cfs_period_us")).isEqualTo("100000");
        assertThat(read(id, pid, "cpu.shares")).isEqualTo("512");
        assertThat(read(id, pid, "pids.max")).isEqualTo("20");
    }

    /** The file of the container's cgroup that holds {@code name}, once it is sure the process is in it. */
    private static Path cgroupFile(String id, long pid, String name) throws Exception {
        Optional<Path> dir = CgroupFeature.of(id).paths().stream()
                .filter(d -> Files.exists(d.resolve(name))).findFirst();
        if (dir.isEmpty()) {
            return Path.of("/nonexistent", name);
        }
        assertThat(Files.readAllLines(dir.get().resolve("cgroup.procs"))).as("the processes of " + dir.get())
                .contains(Long.toString(pid));
        return dir.get().resolve(name);
    }

    private static String read(String id, long pid, String name) throws Exception {
        return Files.readString(cgroupFile(id, pid, name)).strip();
    }
}
