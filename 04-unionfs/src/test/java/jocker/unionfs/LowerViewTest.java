package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Java model of overlayfs's lookup, checked against what the kernel shows a container of the same layers. */
@RequiresRoot("containers and overlay mounts need root")
@Timeout(120)
@DisplayName("The union of the lower layers")
class LowerViewTest {

    @TempDir
    Path state;
    Union union;
    List<String> layers;

    @BeforeEach
    void setUp() throws Exception {
        union = new Union(state);
        layers = new ArrayList<>(union.images.get("busybox").layers());
        layers.add(union.handLayer(dir -> {
            for (String f : List.of("a/x", "a/y", "a/z", "b/p", "d/q", "e/r")) {
                Files.createDirectories(dir.resolve(f).getParent());
                Files.writeString(dir.resolve(f), f);
            }
            Files.writeString(dir.resolve("c"), "c was a file");
        }));
        layers.add(union.handLayer(dir -> {
            Files.createDirectories(dir.resolve("a"));
            Union.mknodWhiteout(dir.resolve("a/x"));
            Files.createDirectories(dir.resolve("b"));
            Union.setOpaque(dir.resolve("b"));
            Files.writeString(dir.resolve("b/new"), "");
            Files.createDirectories(dir.resolve("c"));
            Files.writeString(dir.resolve("c/k"), "");
            Union.mknodWhiteout(dir.resolve("d"));
        }));
        layers.add(union.handLayer(dir -> {
            Files.createDirectories(dir.resolve("a"));
            Files.writeString(dir.resolve("a/w"), "");
            Files.writeString(dir.resolve("a/y"), "y from the top");
            Files.createDirectories(dir.resolve("f"));
            Files.writeString(dir.resolve("f/g"), "");
        }));
        union.image("stack", layers);
    }

    @AfterEach
    void tearDown() throws Exception {
        union.close();
    }

    private LowerView view() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String layer : layers) {
            dirs.add(union.layers.diff(layer));
        }
        return new LowerView(dirs);
    }

    @Test
    @Graded(exercise = "4.5", points = 3)
    @DisplayName("list() of each directory matches ls -A in a container of the same layers")
    void listingsMatchTheKernel() throws Exception {
        List<String> dirs = List.of("a", "b", "c", "e", "f");
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        LowerView view = view();
        for (String d : dirs) {
            script.append("echo ").append(d).append(":; ls -A /").append(d).append("; ");
            expected.append(d).append(":\n");
            for (String name : view.list(Path.of(d))) {
                expected.append(name).append('\n');
            }
        }

        Union.Run run = union.run("stack", script.toString());

        assertThat(expected.toString()).as("what LowerView lists").isEqualTo(run.out());
        assertThat(run.out()).contains("a:\nw\ny\nz\n").contains("b:\nnew\n").contains("c:\nk\n");
    }

    @Test
    @Graded(exercise = "4.5", points = 2)
    @DisplayName("exists() and find() agree with the kernel: whiteouts, opaque directories, a directory over a file")
    void lookupsMatchTheKernel() throws Exception {
        List<String> paths = List.of("a/x", "a/y", "a/w", "b/p", "b/new", "c", "c/k", "d", "d/q", "e/r", "f/g", "nope");
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        LowerView view = view();
        for (String p : paths) {
            script.append("test -e /").append(p).append(" && echo ").append(p).append("; ");
            if (view.exists(Path.of(p))) {
                expected.append(p).append('\n');
            }
        }

        Union.Run run = union.run("stack", script.toString());

        assertThat(expected.toString()).as("what LowerView finds").isEqualTo(run.out());
        assertThat(view.find(Path.of("a/y")).map(LowerViewTest::content)).hasValue("y from the top");
        assertThat(view.find(Path.of("b/p"))).isEmpty();
    }

    private static String content(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
