package jocker.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import jocker.course.RunningContainer;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exercise 2.1, with a probe init that only chroots: the namespaces alone. */
@RequiresRoot("unshare(2) needs CAP_SYS_ADMIN, which only root has")
@Timeout(60)
@DisplayName("Exercise 2.1: a process in new namespaces")
class NamespacesTest {

    @TempDir
    static Path state;
    static Path rootfs;
    static Box box;

    @BeforeAll
    static void setUp() {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        box = new Box(state, ChrootProbe.class);
    }

    @Test
    @Graded(exercise = "2.1", points = 3)
    @DisplayName("the command is PID 1 of its own PID namespace")
    void commandIsPid1() throws Exception {
        var result = box.run(Box.sh(rootfs, "echo $$"));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out()).isEqualTo("1\n");
    }

    @Test
    @Graded(exercise = "2.1", points = 3)
    @DisplayName("each of its namespaces (/proc/<pid>/ns/*) differs from the host's")
    void everyNamespaceIsNew() throws Exception {
        try (RunningContainer c = box.start(Box.waiting(rootfs, "true")).awaitReady()) {
            long host = ProcessHandle.current().pid();
            for (Namespace ns : Namespace.values()) {
                assertThat(ns.inode(c.pid())).as(ns.procName()).isNotEqualTo(ns.inode(host));
            }
            assertThat(c.finish()).isZero();
        }
    }

    @Test
    @Graded(exercise = "2.1", points = 2)
    @DisplayName("a System V message queue made inside is invisible outside, and the host's inside")
    void ipcObjectsAreSeparate() throws Exception {
        List<String> before = queueKeys(HostCommand.run("ipcs", "-q"));
        HostCommand.run("ipcmk", "-Q");
        List<String> made = new ArrayList<>(queueKeys(HostCommand.run("ipcs", "-q")));
        made.removeAll(before);
        String hostKey = made.get(0);
        try (RunningContainer c = box.start(Box.waiting(rootfs, "true")).awaitReady()) {
            // Made inside: the host's ipcmk and ipcs, run in the container's IPC namespace only.
            String ipc = "--ipc=" + Namespace.IPC.of(c.pid());
            HostCommand.run("nsenter", ipc, "ipcmk", "-Q");
            List<String> inside = queueKeys(HostCommand.run("nsenter", ipc, "ipcs", "-q"));

            assertThat(inside).as("the container's queues: only the one made inside").hasSize(1)
                    .doesNotContain(hostKey);
            assertThat(queueKeys(HostCommand.run("ipcs", "-q"))).as("the host's queues")
                    .contains(hostKey).doesNotContain(inside.get(0));
            assertThat(c.finish()).isZero();
        } finally {
            for (String key : queueKeys(HostCommand.run("ipcs", "-q"))) {
                if (!before.contains(key)) {
                    HostCommand.run("ipcrm", "-Q", key); // also one made "inside" without an IPC namespace
                }
            }
        }
    }

    /** The key column of {@code ipcs -q}: one random key per queue that ipcmk made. */
    static List<String> queueKeys(String ipcs) {
        return ipcs.lines().map(String::trim).filter(l -> l.startsWith("0x")).map(l -> l.split("\\s+")[0]).toList();
    }

    @Test
    @Graded(exercise = "2.1", points = 2)
    @DisplayName("the hostname set inside is the container's own; the host's stays as it was")
    void hostnameIsPerNamespace() throws Exception {
        Path hostname = Path.of("/proc/sys/kernel/hostname");
        String before = Files.readString(hostname);
        try {
            var result = box.run(Box.sh(rootfs, "hostname jail-probe && hostname"));

            assertThat(result.exitValue()).as(result.describe()).isZero();
            assertThat(result.out()).isEqualTo("jail-probe\n");
            assertThat(Files.readString(hostname)).isEqualTo(before);
        } finally {
            if (!Files.readString(hostname).equals(before)) {
                Files.writeString(hostname, before.strip()); // no UTS namespace: undo the damage
            }
        }
    }
}
