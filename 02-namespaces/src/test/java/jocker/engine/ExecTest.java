package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.runtime.Stdio;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.namespaces.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("setns(2) needs CAP_SYS_ADMIN, which only root has")
@Timeout(90)
@DisplayName("Exercise 2.6: exec joins a running container")
class ExecTest {

    @TempDir
    Path state;
    TestEngine engine;

    @BeforeEach
    void setUp() {
        engine = new TestEngine(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
    }

    private String exec(ContainerState c, int expectedStatus, String script) throws Exception {
        Path out = state.resolve("exec.out");
        Path err = state.resolve("exec.err");
        int status = engine.containers.exec(c.id(), List.of("sh", "-c", script), List.of(), null,
                new Stdio(Redirect.from(new java.io.File("/dev/null")), Redirect.to(out.toFile()),
                        Redirect.to(err.toFile())));
        assertThat(status).as("exec's status; stderr: %s", Files.readString(err)).isEqualTo(expectedStatus);
        return Files.readString(out);
    }

    @Test
    @Graded(exercise = "2.6", points = 4)
    @DisplayName("exec lands in the same namespaces as the container's PID 1")
    void execJoinsEveryNamespace() throws Exception {
        ContainerState c = engine.detached("exec-ns", "while true; do sleep 1; done");
        String inside = exec(c, 0, "for n in cgroup ipc mnt net pid uts; do readlink /proc/self/ns/$n; done");

        List<String> expected = new java.util.ArrayList<>();
        for (String n : List.of("cgroup", "ipc", "mnt", "net", "pid", "uts")) {
            expected.add(Namespace.valueOf(n.equals("mnt") ? "MNT" : n.toUpperCase()).inode(c.pid()));
        }
        assertThat(inside.lines().toList()).isEqualTo(expected);
    }

    @Test
    @Graded(exercise = "2.6", points = 2)
    @DisplayName("exec sees the container's files and processes, and its exit status comes back")
    void execSeesTheContainer() throws Exception {
        ContainerState c = engine.detached("exec-view", "echo inside > /marker; while true; do sleep 1; done");
        String out = exec(c, 7, "while [ ! -e /marker ]; do sleep 0.1; done; cat /marker; hostname;"
                + " ps -o pid,comm | awk '$1 == 1 {print $2}'; exit 7");

        assertThat(out.lines().toList()).containsExactly("inside", c.hostname(), "sh");
    }
}
