package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.images.Images;

/** diff and commit of what a script did in a real container, and containers of the committed image. */
@RequiresRoot("containers and overlay mounts need root")
@Timeout(120)
@DisplayName("diff and commit")
class DiffCommitTest {

    /** Changes of every kind to the test rootfs (bin/, etc/{passwd,group,hostname}, ...). */
    static final String SCRIPT = "rm /bin/ls; echo hi > /hello; echo more >> /etc/passwd; rm /etc/group; "
            + "mkdir -p /new/deep; touch /new/deep/f";
    static final String OPAQUE_SCRIPT = "rm -r /etc; mkdir /etc; echo n > /etc/hostname; echo m > /etc/motd";

    @TempDir
    Path state;
    Union union;
    Commit commit;

    @BeforeEach
    void setUp() {
        union = new Union(state);
        commit = new Commit(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        union.close();
    }

    /** Type and name of each entry of a tar: "d bin/", "f bin/.wh.ls", "l link", "h hardlink". */
    static List<String> entries(Path tar) throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                String type = e.isDirectory() ? "d" : e.isSymbolicLink() ? "l" : e.isLink() ? "h" : "f";
                names.add(type + " " + e.getName());
            }
        }
        return names;
    }

    @Test
    @Graded(exercise = "4.6", points = 3)
    @DisplayName("diff lists exactly what the script added, changed and deleted")
    void diffListsTheScriptsChanges() throws Exception {
        Union.Run run = union.run("busybox", SCRIPT);

        assertThat(commit.diff(run.state().id())).map(Change::toString).containsExactly(
                "C /bin", "D /bin/ls", "C /etc", "D /etc/group", "C /etc/passwd", "A /hello",
                "A /new", "A /new/deep", "A /new/deep/f");
    }

    @Test
    @Graded(exercise = "4.6", points = 2)
    @DisplayName("diff of an opaque directory deletes the lower names it does not have again")
    void diffOfAnOpaqueDirectory() throws Exception {
        Union.Run run = union.run("busybox", OPAQUE_SCRIPT);

        assertThat(commit.diff(run.state().id())).map(Change::toString).containsExactly(
                "C /etc", "D /etc/group", "C /etc/hostname", "A /etc/motd", "D /etc/passwd");
    }

    @Test
    @DisplayName("a container that changed nothing has an empty diff")
    void nothingChanged() throws Exception {
        Union.Run run = union.run("busybox", "cat /etc/passwd > /dev/null; ls / > /dev/null");

        assertThat(commit.diff(run.state().id())).isEmpty();
    }

    @Test
    @DisplayName("commit of a container that changed nothing adds no layer, as Docker's empty_layer")
    void emptyCommit() throws Exception {
        Union.Run run = union.run("busybox", "true");

        Images.Image image = commit.commit(run.state().id(), "same", null);

        assertThat(image.layers()).isEqualTo(union.images.get("busybox").layers());
    }

    @Test
    @Graded(exercise = "4.7", points = 3)
    @DisplayName("commit writes a layer tar whose entries, whiteouts included, match the changes")
    void commitWritesTheChanges() throws Exception {
        Union.Run run = union.run("busybox", SCRIPT + "; ln /hello /hello2");

        // The tar that commit writes of the upper layer (commit then unpacks it as a layer: exercise 4.8).
        Path tar = layerTar(run);

        assertThat(entries(tar)).containsExactly("d bin/", "f bin/.wh.ls", "d etc/", "f etc/.wh.group",
                "f etc/passwd", "f hello", "h hello2", "d new/", "d new/deep/", "f new/deep/f");
    }

    /** The layer tar of {@code run}'s upper layer, as {@link LayerStore#create} writes it for a commit. */
    private Path layerTar(Union.Run run) throws Exception {
        Path tar = Files.createTempFile(state, "layer-", ".tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            LayerTar.write(union.upper(run.state()), out);
        }
        return tar;
    }

    @Test
    @Graded(exercise = "4.7", points = 2)
    @DisplayName("commit of an opaque directory writes .wh..wh..opq after the directory")
    void commitWritesTheOpaqueMarker() throws Exception {
        Union.Run run = union.run("busybox", OPAQUE_SCRIPT);

        assertThat(entries(layerTar(run)))
                .containsExactly("d etc/", "f etc/.wh..wh..opq", "f etc/hostname", "f etc/motd");
    }

    @Test
    @Graded(exercise = "4.8", points = 3)
    @DisplayName("a container of the committed image sees the changed file system")
    void committedImageRuns() throws Exception {
        Union.Run run = union.run("busybox", SCRIPT);
        Images.Image image = commit.commit(run.state().id(), "mine", null);

        assertThat(image.layers()).hasSize(2).startsWith(union.images.get("busybox").layers().get(0));
        assertThat(image.layers().get(1)).isEqualTo("sha256:" + LayerStore.sha256(union.layers.tar(image.layers().get(1))));
        Union.Run again = union.run("mine", "cat /hello; test -e /bin/ls || echo no ls; "
                + "test -e /etc/group || echo no group; tail -n 1 /etc/passwd; ls /new/deep");

        assertThat(again.out()).isEqualTo("hi\nno ls\nno group\nmore\nf\n");
        Path top = union.layer("mine", 1);
        assertThat(Union.stat(top.resolve("bin/ls"))).isEqualTo("character special file 0 0");
    }

    @Test
    @Graded(exercise = "4.8", points = 2)
    @DisplayName("an opaque directory survives the round trip: the new container sees only the new contents")
    void opaqueRoundTrip() throws Exception {
        Union.Run run = union.run("busybox", OPAQUE_SCRIPT);
        commit.commit(run.state().id(), "mine", null);

        Union.Run again = union.run("mine", "ls -A /etc; cat /etc/hostname");

        assertThat(again.out()).isEqualTo("hostname\nmotd\nn\n");
        assertThat(Union.xattr(union.layer("mine", 1).resolve("etc"), "trusted.overlay.opaque")).isEqualTo("y");
    }

    @Test
    @DisplayName("a commit of a commit stacks three layers, and the second container's changes win")
    void commitOfACommit() throws Exception {
        commit.commit(union.run("busybox", "echo one > /v").state().id(), "one", null);
        commit.commit(union.run("one", "echo two > /v; rm /hello 2>/dev/null; true").state().id(), "two", null);

        Union.Run run = union.run("two", "cat /v");

        assertThat(union.images.get("two").layers()).hasSize(3);
        assertThat(run.out()).isEqualTo("two\n");
    }
}
