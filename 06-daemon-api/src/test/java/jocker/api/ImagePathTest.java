package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What follows {@code /images/}: an image name with slashes and colons, and the action at the end. */
@DisplayName("image paths: the name and the action")
class ImagePathTest {

    @Test
    @DisplayName("a name with a registry, a port, slashes and a tag keeps them all; the action is the last segment")
    void namesWithSlashes() {
        assertThat(ImagePath.parse("GET", "127.0.0.1:5000/x/y:tag/json"))
                .isEqualTo(new ImagePath("127.0.0.1:5000/x/y:tag", "json"));
        assertThat(ImagePath.parse("GET", "lib/bb:1/history")).isEqualTo(new ImagePath("lib/bb:1", "history"));
        assertThat(ImagePath.parse("GET", "busybox/get")).isEqualTo(new ImagePath("busybox", "get"));
        assertThat(ImagePath.parse("POST", "lib/bb:1/tag")).isEqualTo(new ImagePath("lib/bb:1", "tag"));
        assertThat(ImagePath.parse("DELETE", "lib/bb:1")).isEqualTo(new ImagePath("lib/bb:1", null));
        assertThat(ImagePath.parse("DELETE", "x/json")).as("DELETE has no action")
                .isEqualTo(new ImagePath("x/json", null));
        assertThat(ImagePath.parse("GET", "x/json/json")).as("an image called x/json")
                .isEqualTo(new ImagePath("x/json", "json"));
    }

    @Test
    @DisplayName("a bare action is the store's: GET json lists, POST load, prune and create; others are 404")
    void storeActions() {
        assertThat(ImagePath.parse("GET", "json")).isEqualTo(new ImagePath(null, "json"));
        assertThat(ImagePath.parse("GET", "get")).isEqualTo(new ImagePath(null, "get"));
        assertThat(ImagePath.parse("POST", "load")).isEqualTo(new ImagePath(null, "load"));
        assertThat(ImagePath.parse("POST", "prune")).isEqualTo(new ImagePath(null, "prune"));
        assertThat(ImagePath.parse("POST", "create")).isEqualTo(new ImagePath(null, "create"));
        assertThatThrownBy(() -> ImagePath.parse("GET", "busybox"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> ImagePath.parse("POST", "busybox/json"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
