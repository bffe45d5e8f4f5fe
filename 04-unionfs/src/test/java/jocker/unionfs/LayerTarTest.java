package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.RequiresRoot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** OCI layer tars made by hand, as another tool would write them: unpacked, stacked, or refused. */
@RequiresRoot("layers hold devices and trusted.* attributes, containers need root")
@Timeout(120)
@DisplayName("Layer tars")
class LayerTarTest {

    @TempDir
    Path state;
    Union union;

    @BeforeEach
    void setUp() {
        union = new Union(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        union.close();
    }

    /** A tar of entries "name" (file, content = name), "name/" (dir), "name->target" (symlink), "name=>target" (hard link). */
    Path tar(String... entries) throws Exception {
        Path tar = Files.createTempFile(state, "hand", ".tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (String spec : entries) {
                TarArchiveEntry e;
                byte[] data = new byte[0];
                if (spec.contains("=>")) {
                    e = new TarArchiveEntry(spec.substring(0, spec.indexOf("=>")), TarConstants.LF_LINK, true);
                    e.setLinkName(spec.substring(spec.indexOf("=>") + 2));
                } else if (spec.contains("->")) {
                    e = new TarArchiveEntry(spec.substring(0, spec.indexOf("->")), TarConstants.LF_SYMLINK, true);
                    e.setLinkName(spec.substring(spec.indexOf("->") + 2));
                } else {
                    e = new TarArchiveEntry(spec, true); // as written: no leading / removed
                    if (!spec.endsWith("/") && !spec.contains(".wh.")) {
                        data = spec.getBytes(StandardCharsets.UTF_8);
                    }
                    e.setSize(data.length);
                }
                t.putArchiveEntry(e);
                t.write(data);
                t.closeArchiveEntry();
            }
        }
        return tar;
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> list = Files.list(union.layers.dir())) {
            return list.filter(p -> !p.getFileName().toString().matches("[0-9a-f]{64}|l")).toList();
        }
    }

    @Test
    @Graded(exercise = "4.8", points = 3)
    @DisplayName("an OCI tar's .wh. entries become whiteouts and an opaque directory; a container of it sees the result")
    void whiteoutEntriesApply() throws Exception {
        String layer = union.layers.importTar(tar("bin/", "bin/.wh.cat", "etc/", "etc/.wh..wh..opq", "etc/only"));
        Path diff = union.layers.diff(layer);
        List<String> layers = new ArrayList<>(union.images.get("busybox").layers());
        layers.add(layer);
        union.image("pruned", layers);

        Union.Run run = union.run("pruned", "ls -A /etc; test -e /bin/cat || echo no cat; test -e /bin/ls && echo ls");

        assertThat(Union.stat(diff.resolve("bin/cat"))).isEqualTo("character special file 0 0");
        assertThat(Union.xattr(diff.resolve("etc"), "trusted.overlay.opaque")).isEqualTo("y");
        assertThat(diff.resolve("etc/.wh..wh..opq")).doesNotExist();
        assertThat(run.out()).isEqualTo("only\nno cat\nls\n");
    }

    @Test
    @Graded(exercise = "4.8", points = 1)
    @DisplayName("a layer with both a/ and .wh.a, in either order, keeps its own a/ and hides only the layer below's")
    void whiteoutAndNameInOneLayer() throws Exception {
        String below = union.layers.importTar(tar("a/", "a/old", "f"));
        String before = union.layers.importTar(tar(".wh.a", "a/", "a/new", ".wh.f", "f"));
        String after = union.layers.importTar(tar("a/", "a/new", ".wh.a", "f", ".wh.f"));
        List<String> base = union.images.get("busybox").layers();
        union.image("before", List.of(base.get(0), below, before));
        union.image("after", List.of(base.get(0), below, after));

        for (String image : List.of("before", "after")) {
            Union.Run run = union.run(image, "ls -A /a; cat /f");
            assertThat(run.out()).as(image).isEqualTo("new\nf");
        }
    }

    @Test
    @DisplayName("the diff ID is the SHA-256 of the tar, as sha256sum computes it; a second import reuses the layer")
    void diffIdIsTheTarsDigest() throws Exception {
        Path tar = tar("a/", "a/b");
        String sum = HostCommand.run("sha256sum", tar.toString()).split(" ")[0];

        String first = union.layers.importTar(tar);
        String second = union.layers.importTar(tar);

        assertThat(first).isEqualTo("sha256:" + sum).isEqualTo(second);
        assertThat(union.layers.diff(first).resolve("a/b")).hasContent("a/b");
        assertThat(union.layers.dir().resolve(union.layers.link(first))).isSymbolicLink();
    }

    @Test
    @DisplayName("entries that would land outside the layer are refused with the entry's name, and nothing is kept")
    void escapesAreRefused() throws Exception {
        Path outside = Files.createDirectory(state.resolve("outside"));
        List<Path> evil = List.of(tar("ok", "../escaped"), tar("/etc/escaped"), tar("a/../../escaped"),
                tar("link->" + outside, "link/pwned"), tar("hard=>../../../../etc/passwd"), tar("x/y", "x/y/z"),
                tar("a/", "a/.wh.."), tar(".wh."));

        for (Path t : evil) {
            assertThatThrownBy(() -> union.layers.importTar(t)).isInstanceOf(LayerException.class)
                    .hasMessageStartingWith("layer tar entry '");
        }
        assertThatThrownBy(() -> union.layers.importTar(tar("shadow=>/etc/shadow")))
                .hasMessage("layer tar entry 'shadow': hard link to '/etc/shadow', outside the layer");
        assertThat(outside).isEmptyDirectory();
        assertThat(state.resolve("escaped")).doesNotExist();
        assertThat(leftovers()).as("partial layers").isEmpty();
    }
}
