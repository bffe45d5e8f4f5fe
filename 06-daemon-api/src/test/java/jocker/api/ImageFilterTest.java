package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /images/json?filters=…}: which images {@code docker images --filter} shows, one kind per test. */
@DisplayName("the image list's filters")
class ImageFilterTest {

    private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant MIDDLE = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2026-01-01T00:00:00Z");

    /** What {@code before=} and {@code since=} name: three images of the store, by name. */
    private static final Function<String, Instant> STORE = name -> switch (name) {
        case "old:1" -> OLD;
        case "middle:1" -> MIDDLE;
        case "new:1" -> NEW;
        default -> throw ApiException.notFound("No such image: " + name);
    };

    private static ImageFilter filter(Map<String, List<String>> filters) {
        return ImageFilter.of(filters, STORE);
    }

    /** Whether an image with these names (no labels, made in the middle) is listed. */
    private static boolean lists(ImageFilter filter, String... repoTags) {
        return filter.matches(List.of(repoTags), Map.of(), MIDDLE);
    }

    @Test
    @Graded(exercise = "6.10", points = 4)
    @DisplayName("reference=: a glob over the name with its tag or without; * stops at /; any pattern, any name")
    void reference() {
        ImageFilter busybox = filter(Map.of("reference", List.of("busybox")));
        assertThat(lists(busybox, "busybox:latest")).as("busybox against busybox:latest").isTrue();
        assertThat(lists(busybox, "busybox:1.36")).as("busybox against busybox:1.36").isTrue();
        assertThat(lists(busybox, "busyboxes:1")).as("busybox against busyboxes:1").isFalse();
        assertThat(lists(busybox, "lib/busybox:1")).as("busybox against lib/busybox:1").isFalse();
        assertThat(lists(busybox)).as("an image without a name matches no reference").isFalse();
        assertThat(lists(busybox, "x:1", "busybox:2")).as("one of its names matches").isTrue();

        ImageFilter tagged = filter(Map.of("reference", List.of("busybox:1.*")));
        assertThat(lists(tagged, "busybox:1.36")).as("busybox:1.* against busybox:1.36").isTrue();
        assertThat(lists(tagged, "busybox:latest")).as("busybox:1.* against busybox:latest").isFalse();

        ImageFilter lib = filter(Map.of("reference", List.of("lib/*")));
        assertThat(lists(lib, "lib/bb:1")).as("lib/* against lib/bb:1").isTrue();
        assertThat(lists(lib, "lib/x/y:1")).as("lib/* against lib/x/y:1: * does not cross /").isFalse();

        ImageFilter registry = filter(Map.of("reference", List.of("127.0.0.1:5000/x/*:tag")));
        assertThat(lists(registry, "127.0.0.1:5000/x/y:tag")).as("a registry with a port").isTrue();
        assertThat(lists(registry, "127.0.0.1:5000/x/y:other")).isFalse();

        ImageFilter either = filter(Map.of("reference", List.of("a", "b:?")));
        assertThat(lists(either, "b:1")).as("the second of two patterns").isTrue();
        assertThat(lists(either, "a:latest")).as("the first of two patterns").isTrue();
        assertThat(lists(either, "b:10")).as("? is one character").isFalse();
    }

    @Test
    @Graded(exercise = "6.10", points = 3)
    @DisplayName("dangling=true lists only images without a name, dangling=false only named ones; no filter lists all")
    void dangling() {
        ImageFilter dangling = filter(Map.of("dangling", List.of("true")));
        assertThat(lists(dangling)).as("dangling=true, an image without a name").isTrue();
        assertThat(lists(dangling, "busybox:latest")).as("dangling=true, a named image").isFalse();

        ImageFilter named = filter(Map.of("dangling", List.of("false")));
        assertThat(lists(named)).as("dangling=false, an image without a name").isFalse();
        assertThat(lists(named, "busybox:latest")).as("dangling=false, a named image").isTrue();

        ImageFilter none = filter(Map.of());
        assertThat(lists(none)).as("no filter, an image without a name").isTrue();
        assertThat(lists(none, "busybox:latest")).as("no filter, a named image").isTrue();

        ImageFilter both = filter(Map.of("dangling", List.of("true"), "reference", List.of("busybox")));
        assertThat(lists(both)).as("dangling=true and reference=busybox: every filter must pass").isFalse();
    }

    @Test
    @Graded(exercise = "6.10", points = 3)
    @DisplayName("label=KEY and label=KEY=VALUE must all hold; before= and since= compare strictly with that image")
    void labelsBeforeSince() {
        Map<String, String> labels = Map.of("team", "core", "tier", "");
        ImageFilter key = filter(Map.of("label", List.of("team")));
        assertThat(key.matches(List.of("a:1"), labels, MIDDLE)).as("label=team, it has team").isTrue();
        assertThat(key.matches(List.of("a:1"), Map.of(), MIDDLE)).as("label=team, no labels").isFalse();
        ImageFilter value = filter(Map.of("label", List.of("team=core", "tier")));
        assertThat(value.matches(List.of("a:1"), labels, MIDDLE)).as("label=team=core and label=tier").isTrue();
        assertThat(value.matches(List.of("a:1"), Map.of("team", "core"), MIDDLE)).as("tier missing").isFalse();
        ImageFilter wrong = filter(Map.of("label", List.of("team=web")));
        assertThat(wrong.matches(List.of("a:1"), labels, MIDDLE)).as("label=team=web, it has core").isFalse();

        ImageFilter before = filter(Map.of("before", List.of("middle:1")));
        assertThat(before.matches(List.of("a:1"), Map.of(), OLD)).as("before=middle:1, an older image").isTrue();
        assertThat(before.matches(List.of("a:1"), Map.of(), MIDDLE)).as("before=middle:1, itself").isFalse();
        assertThat(before.matches(List.of("a:1"), Map.of(), NEW)).as("before=middle:1, a newer image").isFalse();

        ImageFilter since = filter(Map.of("since", List.of("middle:1")));
        assertThat(since.matches(List.of("a:1"), Map.of(), NEW)).as("since=middle:1, a newer image").isTrue();
        assertThat(since.matches(List.of("a:1"), Map.of(), MIDDLE)).as("since=middle:1, itself").isFalse();
        assertThat(since.matches(List.of("a:1"), Map.of(), OLD)).as("since=middle:1, an older image").isFalse();

        ImageFilter between = filter(Map.of("since", List.of("old:1"), "before", List.of("new:1")));
        assertThat(between.matches(List.of("a:1"), Map.of(), MIDDLE)).as("since=old:1 and before=new:1").isTrue();
    }

    @Test
    @DisplayName("with a reference filter the list shows only the names that match it")
    void shownTags() {
        assertThat(filter(Map.of("reference", List.of("lib/*"))).shownTags(List.of("busybox:latest", "lib/bb:1")))
                .containsExactly("lib/bb:1");
        assertThat(filter(Map.of()).shownTags(List.of("busybox:latest", "lib/bb:1")))
                .containsExactly("busybox:latest", "lib/bb:1");
    }

    @Test
    @DisplayName("an unknown filter, a bad dangling value, a missing image for before=: the client's error")
    void badFilters() {
        assertThatThrownBy(() -> filter(Map.of("colour", List.of("red"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> filter(Map.of("dangling", List.of("maybe"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> filter(Map.of("before", List.of("gone:1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> filter(Map.of("reference", List.of("a[b"))).matches(List.of("ab:1"), Map.of(), OLD))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
