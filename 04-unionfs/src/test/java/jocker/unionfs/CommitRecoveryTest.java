package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jocker.cgroups.CgroupFeature;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import jocker.engine.Owner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: a {@code jocker commit} killed midway ({@code kill -9}) can
 * clean up nothing itself. The next jocker command must: no container stays
 * frozen, no partial layer stays in the state directory.
 */
@RequiresRoot("containers, cgroups and overlay mounts need root")
@Timeout(180)
@DisplayName("A commit killed midway leaves no frozen container and no partial layer")
class CommitRecoveryTest {

    static final String RUNS = "touch /ready; while true; do sleep 1; done";

    @TempDir
    Path state;
    Union union;

    @BeforeEach
    void setUp() {
        union = new Union(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        union.close(); // rm -f thaws a frozen container first
    }

    @Test
    @DisplayName("the next command thaws a container a dead commit froze, keeps a paused one paused, deletes its scratch files")
    void nextCommandRecovers() throws Exception {
        ContainerState frozen = union.detached("busybox", RUNS, "ready");
        ContainerState paused = union.detached("busybox", RUNS, "ready");
        Owner dead = deadProcess();
        // What a commit killed between freeze and thaw leaves: its marker, a frozen cgroup, a partial tar.
        union.containers.store().writeJson(frozen.id(), Commit.FREEZE_MARKER, dead);
        CgroupFeature.of(frozen.id()).freeze();
        CgroupFeature.of(paused.id()).freeze(); // what jocker pause does: no marker
        Path scratch = Files.createDirectories(state.resolve("tmp").resolve(dead.fileName()));
        Files.writeString(scratch.resolve("layer-1.tar"), "half a tar");
        Path stray = Files.writeString(state.resolve("tmp/stray"), "not named after a process");
        Path mine = jocker.engine.Scratch.dir(state); // this JVM's: alive, so it stays

        JockerCommand ps = JockerCommand.run(state, "ps");

        assertThat(ps.status()).as(ps.err()).isZero();
        assertThat(CgroupFeature.of(frozen.id()).isFrozen()).isFalse();
        assertThat(union.containers.store().dir(frozen.id()).resolve(Commit.FREEZE_MARKER)).doesNotExist();
        assertThat(CgroupFeature.of(paused.id()).isFrozen()).as("paused by the user").isTrue();
        assertThat(ps.out()).containsPattern(frozen.shortId() + ".* Up [^(]*\n")
                .containsPattern(paused.shortId() + ".*\\(Paused\\)");
        assertThat(scratch).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(mine).isDirectory();
    }

    @Test
    @DisplayName("kill -9 of jocker commit while it writes the layer: the next command thaws, and no partial layer is left")
    void killedCommit() throws Exception {
        ContainerState c = union.detached("busybox",
                "dd if=/dev/zero of=/big bs=1M count=256 2>/dev/null; " + RUNS, "ready");
        List<String> before = list(union.layers.dir());
        Process commit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jocker.cli.Jocker", "--root", state.toString(),
                "commit", c.id(), "big")
                .redirectErrorStream(true).redirectOutput(state.resolve("commit.out").toFile()).start();
        try {
            Path tar = awaitScratchTar(commit.pid());
            assertThat(CgroupFeature.of(c.id()).isFrozen()).as("frozen while the layer is written").isTrue();
            commit.destroyForcibly(); // SIGKILL
            commit.waitFor();
            assertThat(tar).as("what the killed commit left").exists();
            assertThat(CgroupFeature.of(c.id()).isFrozen()).as("left frozen by the killed commit").isTrue();
        } finally {
            commit.destroyForcibly();
        }

        JockerCommand ps = JockerCommand.run(state, "ps");

        assertThat(ps.status()).as(ps.err()).isZero();
        assertThat(CgroupFeature.of(c.id()).isFrozen()).isFalse();
        assertThat(ps.out()).contains(c.shortId()).doesNotContain("Paused");
        assertThat(list(state.resolve("tmp"))).noneMatch(name -> name.startsWith(commit.pid() + "-"));
        assertThat(list(union.layers.dir())).as("layers/").containsExactlyInAnyOrderElementsOf(before);
        assertThat(JockerCommand.run(state, "images").out()).doesNotContain("big");
    }

    /** Waits until the commit process has begun its layer tar in its scratch directory; returns the tar. */
    private Path awaitScratchTar(long pid) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<Path> tar = scratchTar(pid);
            if (tar.isPresent() && Files.size(tar.get()) > 0) {
                return tar.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("jocker commit (PID " + pid + ") wrote no layer tar in " + state.resolve("tmp")
                + ": " + Files.readString(state.resolve("commit.out")));
    }

    private Optional<Path> scratchTar(long pid) throws Exception {
        for (String dir : list(state.resolve("tmp"))) {
            if (dir.startsWith(pid + "-")) {
                // the tar is in the partial layer it is made with: tmp/<pid>-<start>/partial-*/layer.tar
                try (Stream<Path> files = Files.walk(state.resolve("tmp").resolve(dir), 2)) {
                    return files.filter(f -> f.getFileName().toString().endsWith(".tar")).findFirst();
                } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException gone) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A process that has exited, as an {@link Owner}: what a killed commit's marker names. */
    private static Owner deadProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        Owner owner = new Owner(p.pid(), p.toHandle().info().startInstant().orElseThrow());
        p.destroyForcibly();
        p.waitFor();
        assertThat(owner.isAlive()).isFalse();
        return owner;
    }
}
