package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jocker.course.Graded;
import jocker.images.ImageException;
import jocker.images.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code fromImage} and {@code tag} of {@code POST /images/create}, read as Docker's daemon reads them. */
@DisplayName("pull's fromImage and tag: the reference to pull")
class PullReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    @Graded(exercise = "7.10", points = 2)
    @DisplayName("the tag apart, the tag in the name, a tag that replaces the name's, a digest in tag")
    void tagsAndDigests() {
        assertThat(PullReference.parse("127.0.0.1:5000/lib/bb", "1"))
                .isEqualTo(new Reference("127.0.0.1:5000", "lib/bb", "1", null));
        assertThat(PullReference.parse("busybox", "latest"))
                .isEqualTo(new Reference("docker.io", "library/busybox", "latest", null));
        assertThat(PullReference.parse("lib/bb:2", null)).as("fromImage with its own tag and no tag=")
                .isEqualTo(new Reference("docker.io", "lib/bb", "2", null));
        assertThat(PullReference.parse("localhost:5000/bb:2", "3")).as("tag= replaces the name's tag")
                .isEqualTo(new Reference("localhost:5000", "bb", "3", null));
        assertThat(PullReference.parse("127.0.0.1:5000/lib/bb", DIGEST)).as("docker pull NAME@DIGEST sends tag=DIGEST")
                .isEqualTo(new Reference("127.0.0.1:5000", "lib/bb", null, DIGEST));
        assertThat(PullReference.parse("127.0.0.1:5000/lib/bb:1", DIGEST)).as("a digest drops the name's tag")
                .isEqualTo(new Reference("127.0.0.1:5000", "lib/bb", null, DIGEST));
        assertThat(PullReference.parse("127.0.0.1:5000/lib/bb@" + DIGEST, ""))
                .isEqualTo(new Reference("127.0.0.1:5000", "lib/bb", null, DIGEST));
        assertThat(PullReference.parse("127.0.0.1:5000/lib/bb:", "1")).as("pull -a's trailing colon")
                .isEqualTo(new Reference("127.0.0.1:5000", "lib/bb", "1", null));
    }

    @Test
    @Graded(exercise = "7.10", points = 2)
    @DisplayName("every tag at once (no tag anywhere), a bad tag, a bad digest, a bad name: an error that says so")
    void refused() {
        assertThatThrownBy(() -> PullReference.parse("127.0.0.1:5000/lib/bb", ""))
                .isInstanceOf(ImageException.class).hasMessageContaining("every tag");
        assertThatThrownBy(() -> PullReference.parse("127.0.0.1:5000/lib/bb:", null))
                .isInstanceOf(ImageException.class).hasMessageContaining("every tag");
        assertThatThrownBy(() -> PullReference.parse("lib/bb", "-x"))
                .isInstanceOf(ImageException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> PullReference.parse("lib/bb", "sha256:abc"))
                .isInstanceOf(ImageException.class).hasMessageContaining("invalid reference format");
        assertThatThrownBy(() -> PullReference.parse("Lib/BB", "1"))
                .isInstanceOf(ImageException.class).hasMessageContaining("lowercase");
    }
}
