package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.runtime.InitStep;
import jocker.runtime.Phase;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Not graded: what the engine promises whatever a student's code does, and under concurrent use. */
@DisplayName("The engine's contract: order, bundle, names")
@Timeout(180)
class EngineContractTest {

    @TempDir
    Path state;

    @BeforeEach
    void image() {
        TestRootfs.createImage(state);
    }

    @AfterEach
    void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    @Test
    @DisplayName("init steps run by phase, then chapter, whatever order the class path lists them in")
    void initStepsAreOrdered() {
        List<InitStep> found = new ArrayList<>(InitStep.all());
        assertThat(found).isNotEmpty();
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(found);
            assertThat(classes(InitStep.sorted(found))).containsExactlyElementsOf(classes(InitStep.all()));
        }
        List<InitStep> sorted = InitStep.all();
        for (int i = 1; i < sorted.size(); i++) {
            InitStep a = sorted.get(i - 1);
            InitStep b = sorted.get(i);
            assertThat(a.phase().compareTo(b.phase()) < 0
                    || a.phase() == b.phase() && a.chapter() <= b.chapter()).as(a + " before " + b).isTrue();
        }
        assertThat(sorted.get(sorted.size() - 1).phase()).as("the last step execs").isEqualTo(Phase.EXEC);
    }

    private static List<Class<?>> classes(List<?> objects) {
        return objects.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    @DisplayName("engine features run in chapter order, whatever order the class path lists them in")
    void featuresAreOrdered() {
        List<Feature> found = new ArrayList<>(Feature.all());
        Collections.shuffle(found);
        List<Feature> sorted = Feature.sorted(found);
        assertThat(classes(sorted)).containsExactlyElementsOf(classes(Feature.all()));
        assertThat(sorted).isSortedAccordingTo(Feature.ORDER);
    }

    @Test
    @RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
    @DisplayName("run writes an OCI bundle whose config.json names the command, hostname and namespaces")
    void runWritesABundle() throws Exception {
        JockerCommand run = JockerCommand.run(state, "run", "--name", "b1", "--hostname", "h", "busybox", "true");
        assertThat(run.status()).as(run.err()).isZero();
        String id = JockerCommand.run(state, "ps", "-a", "-q").out().strip();
        Path bundle = state.resolve("containers").resolve(new ContainerStore(state).find("b1").id()).resolve("bundle");
        assertThat(id).isNotEmpty();
        Spec spec = new jocker.spec.Bundle(bundle).read();
        assertThat(spec.ociVersion).isEqualTo(Spec.OCI_VERSION);
        assertThat(spec.process.args).containsExactly("true");
        assertThat(spec.hostname).isEqualTo("h");
        assertThat(spec.hasNamespace("pid")).isTrue();
        assertThat(spec.hasNamespace("mount")).isTrue();
        assertThat(Files.isDirectory(bundle.resolve(spec.root.path))).isTrue();
    }

    @Test
    @RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
    @DisplayName("eight concurrent run -d --name same: exactly one container is named same, the others get Conflict")
    void oneNameOneContainer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JockerCommand>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<JockerCommand> run = () -> JockerCommand.run(state, "run", "-d", "--name", "same", "busybox",
                        "sleep", "60");
                runs.add(pool.submit(run));
            }
            int won = 0;
            for (Future<JockerCommand> f : runs) {
                JockerCommand c = f.get();
                if (c.status() == 0) {
                    won++;
                } else {
                    assertThat(c.err()).contains("Conflict").contains("\"/same\"");
                }
            }
            assertThat(won).isEqualTo(1);
            long named = new ContainerStore(state).list().stream().filter(s -> s.name().equals("same")).count();
            assertThat(named).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an empty or blank container reference is an error, never the only container there is")
    void emptyReferenceIsAnError() throws Exception {
        JockerCommand run = JockerCommand.run(state, "inspect", "");
        assertThat(run.status()).isNotZero();
        assertThatThrownBy(() -> new ContainerStore(state).find(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }

    @Test
    @DisplayName("one damaged state.json: ps -a lists it as broken, by ID, and still lists the others")
    void damagedStateIsListed() throws Exception {
        ContainerStore store = new ContainerStore(state);
        ContainerState good = ContainerState.newContainer(Names.newId(), "good", "busybox", List.of("true"), "h",
                Spec.DEFAULT_ENV, "/", false);
        store.create(good);
        String badId = Names.newId();
        Files.createDirectories(store.dir(badId));
        Files.writeString(store.dir(badId).resolve("state.json"), "{\"id\": tru");

        JockerCommand ps = JockerCommand.run(state, "ps", "-a");
        assertThat(ps.status()).as(ps.err()).isZero();
        assertThat(ps.out()).contains("good").contains(badId.substring(0, 12)).contains("Broken");
        JockerCommand rm = JockerCommand.run(state, "rm", "-f", badId.substring(0, 12));
        assertThat(rm.status()).as(rm.err()).isZero();
        assertThat(store.dir(badId)).doesNotExist();
    }
}
