package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The options string: what overlayfs is told. The mounts themselves are checked in {@link LayeredContainerTest}. */
@DisplayName("Overlay mount options")
class OverlayMountTest {

    @Test
    @Graded(exercise = "4.3", points = 2)
    @DisplayName("lowerdir lists the image's layers topmost first, then upperdir and workdir")
    void lowerdirIsTopmostFirst() {
        OverlayMount mount = new OverlayMount(Path.of("/s/layers"), List.of("l/BOTTOM", "l/MIDDLE", "l/TOP"),
                Path.of("/s/c/upper"), Path.of("/s/c/work"), Path.of("/s/c/rootfs"));

        assertThat(mount.options()).startsWith("lowerdir=l/TOP:l/MIDDLE:l/BOTTOM,upperdir=/s/c/upper,workdir=/s/c/work")
                .contains("redirect_dir=off").contains("metacopy=off");
    }

    @Test
    @Graded(exercise = "4.3", points = 1)
    @DisplayName("128 layers by short name fit in one page; by absolute path they would not")
    void manyLayersFitInAPage() {
        List<String> shortNames = new ArrayList<>();
        List<String> absolute = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            shortNames.add("l/" + String.format("%010d", i));
            absolute.add("/var/lib/jocker/layers/" + "%064x".formatted(i) + "/diff");
        }
        Path upper = Path.of("/var/lib/jocker/containers/" + "a".repeat(64) + "/upper");
        Path work = upper.resolveSibling("work");

        String fits = new OverlayMount(Path.of("/var/lib/jocker/layers"), shortNames, upper, work, upper).options();
        String tooLong = new OverlayMount(Path.of("/"), absolute, upper, work, upper).options();

        assertThat(fits.length()).isLessThanOrEqualTo(OverlayMount.MAX_OPTIONS);
        assertThat(tooLong.length()).isGreaterThan(OverlayMount.MAX_OPTIONS);
    }
}
