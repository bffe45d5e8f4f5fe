package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.OciRuntimeSchema;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: the bundle Jocker writes is the real format. It validates
 * against the OCI runtime spec's JSON schema, and runc, the reference
 * runtime, runs a copy of it with the same result: the hostname inside, the
 * memory limit on the cgroup.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("The bundle under the OCI schema and runc")
class RuncCrossCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final List<String> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (String name : started) {
            new ProcessBuilder("runc", "--root", state.resolve("runc").toString(), "delete", "-f", name)
                    .redirectErrorStream(true).redirectOutput(state.resolve("delete.txt").toFile())
                    .start().waitFor(30, TimeUnit.SECONDS);
        }
        JockerCommand.removeAll(state);
    }

    private Path bundleOf(String name) throws Exception {
        JockerCommand inspect = JockerCommand.run(state, "inspect", name);
        assertThat(inspect.status()).as(inspect.err()).isZero();
        return Path.of(JSON.readTree(inspect.out()).get(0).get("Bundle").asText());
    }

    @Test
    @DisplayName("run --hostname h -m 64m: config.json validates against the OCI runtime spec's schema")
    void configValidates() throws Exception {
        OciRuntimeSchema.assumeAvailable();
        TestRootfs.createImage(state);
        JockerCommand run = JockerCommand.run(state, "run", "--name", "s1", "--hostname", "h", "-m", "64m",
                "busybox", "true");
        assertThat(run.status()).as(run.err()).isZero();

        Path config = bundleOf("s1").resolve("config.json");
        assertThat(OciRuntimeSchema.problems(config)).as(Files.readString(config)).isEmpty();
        JsonNode spec = JSON.readTree(config.toFile());
        assertThat(spec.at("/linux/resources/memory/limit").asLong()).isEqualTo(64L << 20);
    }

    @Test
    @DisplayName("runc run of a copy of the bundle: hostname h inside, the 64 MiB limit on its cgroup")
    void runcRunsTheBundle() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
                "requires runc (Debian's runc package)");
        TestRootfs.createImage(state);
        JockerCommand run = JockerCommand.run(state, "run", "--name", "s1", "--hostname", "h", "-m", "64m",
                "busybox", "true");
        assertThat(run.status()).as(run.err()).isZero();
        Path bundle = bundleOf("s1");

        // A copy: its own rootfs, the process changed to one that waits.
        Path copy = Files.createDirectory(state.resolve("runc-bundle"));
        HostCommand.run("cp", "-a", bundle.resolve("rootfs").toString(), copy.resolve("rootfs").toString());
        ObjectNode spec = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
        ((ObjectNode) spec.get("process")).set("args", JSON.valueToTree(List.of("sleep", "30")));
        ((ObjectNode) spec.get("root")).put("path", "rootfs");
        ((ObjectNode) spec.get("linux")).put("cgroupsPath", "/jocker-runc-check-" + ProcessHandle.current().pid());
        JSON.writeValue(copy.resolve("config.json").toFile(), spec);

        String name = "jocker-check-" + ProcessHandle.current().pid();
        started.add(name);
        String runcRoot = state.resolve("runc").toString();
        // Not through a pipe: the detached container keeps runc's stdout open for as long as it runs.
        Path out = state.resolve("runc-run.txt");
        Process runc = new ProcessBuilder("runc", "--root", runcRoot, "run", "--detach", "--bundle", copy.toString(),
                name).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(runc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runc.exitValue()).as(() -> "runc run: " + readQuietly(out)).isZero();

        assertThat(HostCommand.run("runc", "--root", runcRoot, "exec", name, "hostname").strip()).isEqualTo("h");
        long pid = JSON.readTree(HostCommand.run("runc", "--root", runcRoot, "state", name)).get("pid").asLong();
        assertThat(memoryLimitOf(pid)).isEqualTo(64L << 20);
    }

    /** The memory limit of the cgroup process {@code pid} is in, read from the host's side. */
    private static long memoryLimitOf(long pid) throws Exception {
        Cgroups host = Cgroups.host();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (host.version().equals("v1") && List.of(f[1].split(",")).contains("memory")) {
                return Long.parseLong(Files.readString(
                        Path.of("/sys/fs/cgroup/memory" + f[2], "memory.limit_in_bytes")).strip());
            }
            if (host.version().equals("v2") && f[0].equals("0")) {
                return Long.parseLong(Files.readString(Path.of("/sys/fs/cgroup" + f[2], "memory.max")).strip());
            }
        }
        throw new AssertionError("no memory cgroup for " + pid);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

}
