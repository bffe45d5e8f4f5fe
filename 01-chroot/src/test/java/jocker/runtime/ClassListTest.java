package jocker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: the class lists that the archive's rehearsal ({@code cds.sh})
 * collects from the JVMs started for a container.
 */
@Timeout(60)
@DisplayName("The archive's rehearsal: a JVM started for a container lists the classes it loaded")
class ClassListTest {

    @TempDir
    Path state;

    @Test
    @DisplayName("with jocker.cds.classlists set, the init's JVM writes its class list there; without, nowhere")
    void listsWhereAsked() throws Exception {
        Path lists = Files.createDirectories(state.resolve("lists"));
        InitLauncher launcher = InitLauncher.forThisJvm(state);
        String before = System.getProperty(InitLauncher.CLASS_LIST_PROPERTY);
        List<String> listed;
        List<String> plain;
        try {
            System.setProperty(InitLauncher.CLASS_LIST_PROPERTY, lists.toString());
            listed = launcher.commandLine(Init.class.getName(), List.of());
            System.clearProperty(InitLauncher.CLASS_LIST_PROPERTY);
            plain = launcher.commandLine(Init.class.getName(), List.of());
        } finally {
            if (before != null) {
                System.setProperty(InitLauncher.CLASS_LIST_PROPERTY, before);
            }
        }
        assertThat(plain).noneMatch(o -> o.startsWith("-XX:DumpLoadedClassList"));

        // The init without a bundle: its usage line, exit status 2 or so; what counts is the list.
        Process init = new ProcessBuilder(listed).redirectErrorStream(true).start();
        String said = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        init.waitFor();
        assertThat(said).contains("usage");
        try (Stream<Path> files = Files.list(lists)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(1);
            assertThat(written.get(0).getFileName().toString()).as("named after its main class").startsWith("Init-");
            assertThat(Files.readAllLines(written.get(0))).contains("jocker/runtime/Init")
                    .anyMatch(l -> l.startsWith("java/lang/Object"));
        }
    }

    @Test
    @DisplayName("the monitor maps an archive of its own where one was made; the init, and a monitor without one, "
            + "the whole; each passes the whole one on")
    void ownArchive() throws Exception {
        String monitor = "jocker.engine.ContainerMonitor";
        Path whole = Files.createFile(state.resolve("jocker.jsa"));
        assertThat(InitLauncher.ownArchive(monitor, whole.toString())).isEqualTo(whole.toString());
        Path own = Files.createFile(state.resolve("monitor.jsa"));
        assertThat(InitLauncher.ownArchive(monitor, whole.toString())).isEqualTo(own.toString());
        assertThat(InitLauncher.ownArchive(Init.class.getName(), whole.toString())).isEqualTo(whole.toString());
        assertThat(InitLauncher.ownArchive(monitor, state.resolve("jocker.aot").toString()))
                .as("an AOT cache's own is monitor.aot, not made here").endsWith("jocker.aot");
        assertThat(InitLauncher.ownArchive(monitor, null)).isNull();

        String before = System.getProperty(InitLauncher.ARCHIVE_PROPERTY);
        List<String> line;
        try {
            System.setProperty(InitLauncher.ARCHIVE_PROPERTY, whole.toString());
            line = InitLauncher.forThisJvm(state).commandLine(monitor, List.of());
        } finally {
            if (before == null) {
                System.clearProperty(InitLauncher.ARCHIVE_PROPERTY);
            } else {
                System.setProperty(InitLauncher.ARCHIVE_PROPERTY, before);
            }
        }
        assertThat(line).contains("-XX:SharedArchiveFile=" + own, "-D" + InitLauncher.ARCHIVE_PROPERTY + "=" + whole)
                .doesNotContain("-XX:SharedArchiveFile=" + whole);
    }
}
