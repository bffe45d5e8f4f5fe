package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.linux.JnaSetup;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: a state directory on a full file system. The state directory
 * is a small tmpfs of its own, holding the busybox image; the test fills
 * what is left with a file, as a user's disk fills up.
 */
@RequiresRoot("mount(8) of a tmpfs, and containers, need root")
@Timeout(120)
@DisplayName("A full disk: jocker says why and leaves no container behind")
class FullDiskTest {

    /** A command the test can find in /proc afterwards: a container of it must not run on. */
    private static final List<String> COMMAND = List.of("sleep", "987");

    @TempDir
    Path dir;
    Path root;
    boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", root.toString());
        mounted = true;
        TestRootfs.create(root.resolve("images/busybox/rootfs"));
        JnaSetup.unpackDispatchLibrary(root.resolve("lib")); // what jocker does first, while there is room
    }

    @AfterEach
    void unmount() throws Exception {
        if (!mounted) {
            return;
        }
        try {
            for (ContainerState s : new ContainerStore(root).list()) { // none, unless a test failed
                s.process().ifPresent(ProcessHandle::destroyForcibly);
                new ContainerStore(root).remove(s.id());
            }
        } finally {
            command("umount", "-l", root.toString());
        }
    }

    @Test
    @DisplayName("run -d on a full disk exits non-zero, says 'No space left on device' and where, and leaves no container")
    void runOnFullDisk() throws Exception {
        fill();

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jocker.cli.Jocker", "--root", root.toString(),
                "run", "-d", "busybox"));
        cmd.addAll(COMMAND);
        Path out = dir.resolve("out.txt"); // not in root: there is no room there
        Path err = dir.resolve("err.txt");
        Process run = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).isNotZero();
        assertThat(Files.readString(err)).contains("No space left on device", root.toString());
        assertThat(containerDirectories()).isEmpty();
        assertThat(commandRuns()).isFalse();
    }

    @Test
    @DisplayName("a container whose shim cannot record its start is removed, and startDetached says why")
    void shimOnFullDisk() throws Exception {
        Engine engine = new Engine(root);
        ContainerState created = engine.create(new CreateRequest("busybox", COMMAND, null, null, Spec.DEFAULT_ENV, "/",
                false));
        fill(); // the record and the bundle are written: the shim is the first to find no room

        assertThatThrownBy(() -> engine.startDetached(created.id()))
                .hasMessageContaining("did not start")
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("state.json");
        assertThat(containerDirectories()).isEmpty();
        assertThat(commandRuns()).as("the container's process, started before the record failed").isFalse();
    }

    /** Writes zeros to a file until the file system is full. */
    private void fill() throws IOException {
        try (OutputStream out = Files.newOutputStream(root.resolve("fill"))) {
            byte[] block = new byte[1 << 16];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }

    private List<Path> containerDirectories() throws IOException {
        if (!Files.isDirectory(root.resolve("containers"))) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root.resolve("containers"))) {
            return dirs.filter(Files::isDirectory).toList();
        }
    }

    /** True if a process runs {@link #COMMAND}, as /proc/<pid>/cmdline says. */
    private static boolean commandRuns() throws IOException {
        String wanted = String.join("\0", COMMAND) + "\0";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).equals(wanted);
                } catch (IOException exited) {
                    return false;
                }
            });
        }
    }

    private static void command(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + output).isZero();
    }
}
