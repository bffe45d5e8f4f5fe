package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references, normalized as the docker CLI normalizes them. */
@DisplayName("Image references")
class ReferenceTest {

    static final String D = "sha256:" + "ab".repeat(32);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "busybox, docker.io/library/busybox:latest",
        "busybox:1.36, docker.io/library/busybox:1.36",
        "library/busybox, docker.io/library/busybox:latest",
        "docker.io/busybox, docker.io/library/busybox:latest",
        "index.docker.io/library/busybox:musl, docker.io/library/busybox:musl",
        "me/app, docker.io/me/app:latest",
        "me/sub/app:v1.2-rc_3, docker.io/me/sub/app:v1.2-rc_3",
        "localhost/app, localhost/app:latest",
        "localhost:5000/app:2, localhost:5000/app:2",
        "quay.io/org/app, quay.io/org/app:latest",
        "127.0.0.1:5000/a.b__c-d, 127.0.0.1:5000/a.b__c-d:latest",
        "hello, docker.io/library/hello:latest",
    })
    @Graded(exercise = "5.3", points = 4)
    void normalized(String given, String full) {
        assertThat(Reference.parse(given).toString()).isEqualTo(full);
    }

    @Test
    @Graded(exercise = "5.3", points = 2)
    @DisplayName("a digest names a manifest; without a tag there is no latest")
    void digests() {
        Reference r = Reference.parse("busybox@" + D);
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox@" + D);
        assertThat(r.tag()).isNull();
        assertThat(r.digest()).isEqualTo(D);
        assertThat(Reference.parse("localhost:5000/app:1@" + D).toString())
                .isEqualTo("localhost:5000/app:1@" + D);
        assertThat(r.familiar()).isEqualTo("busybox@" + D);
        assertThat(Reference.parse("me/app").familiar()).isEqualTo("me/app:latest");
        assertThat(Reference.parse("localhost:5000/app").familiar()).isEqualTo("localhost:5000/app:latest");
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"Busybox", "busy box", "busybox:", "-app", "app-", "a//b", "/app", "app:bad/tag",
        "busybox@sha256:123", "app:" + "t23456789012345678901234567890123456789012345678901234567890123456789"
            + "0123456789012345678901234567890123456789012345678901234567890",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    @Graded(exercise = "5.3", points = 3)
    void malformed(String given) {
        assertThatThrownBy(() -> Reference.parse(given)).isInstanceOf(ImageException.class)
                .hasMessageStartingWith("invalid");
    }

    @Test
    @DisplayName("an empty reference says so")
    void empty() {
        assertThatThrownBy(() -> Reference.parse(" ")).isInstanceOf(ImageException.class)
                .hasMessageContaining("empty");
    }
}
