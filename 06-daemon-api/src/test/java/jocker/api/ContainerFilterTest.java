package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exercise 6.3: which containers docker ps --filter lists")
class ContainerFilterTest {

    private static final String IMAGE_ID = "sha256:" + "ab12".repeat(16);

    private static final ContainerFilter.Candidate WEB = new ContainerFilter.Candidate("4f3c" + "0".repeat(60),
            "web_1", "running", Map.of("app", "web", "tier", "front"), "busybox",
            List.of("docker.io/library/busybox:latest", IMAGE_ID));
    private static final ContainerFilter.Candidate DB = new ContainerFilter.Candidate("9a8b" + "1".repeat(60),
            "db", "exited", Map.of("app", "db"), "postgres:16", List.of("sha256:" + "cd34".repeat(16)));

    private static boolean matches(Map<String, List<String>> filters, ContainerFilter.Candidate c) {
        return ContainerFilter.matches(filters, c);
    }

    @Test
    @Graded(exercise = "6.3", points = 2)
    @DisplayName("no filter lists every container; id by prefix, name by a part of it, status by state")
    void idNameStatus() {
        assertThat(matches(Map.of(), WEB)).isTrue();
        assertThat(matches(Map.of("id", List.of("4f3c")), WEB)).isTrue();
        assertThat(matches(Map.of("id", List.of("4f3c")), DB)).isFalse();
        assertThat(matches(Map.of("name", List.of("web")), WEB)).isTrue();
        assertThat(matches(Map.of("name", List.of("web")), DB)).isFalse();
        assertThat(matches(Map.of("status", List.of("exited")), DB)).isTrue();
        assertThat(matches(Map.of("status", List.of("exited")), WEB)).isFalse();
    }

    @Test
    @Graded(exercise = "6.3", points = 3)
    @DisplayName("label=key needs the label, label=key=value also its value")
    void labels() {
        assertThat(matches(Map.of("label", List.of("tier")), WEB)).isTrue();
        assertThat(matches(Map.of("label", List.of("tier")), DB)).isFalse();
        assertThat(matches(Map.of("label", List.of("app=web")), WEB)).isTrue();
        assertThat(matches(Map.of("label", List.of("app=web")), DB)).isFalse();
        assertThat(matches(Map.of("label", List.of("app=we")), WEB)).as("a value matches whole").isFalse();
    }

    @Test
    @Graded(exercise = "6.3", points = 2)
    @DisplayName("ancestor: the image by the name given, by its full reference or by a prefix of its ID")
    void ancestor() {
        assertThat(matches(Map.of("ancestor", List.of("busybox")), WEB)).isTrue();
        assertThat(matches(Map.of("ancestor", List.of("docker.io/library/busybox:latest")), WEB)).isTrue();
        assertThat(matches(Map.of("ancestor", List.of("ab12ab12")), WEB)).isTrue();
        assertThat(matches(Map.of("ancestor", List.of("busybox")), DB)).isFalse();
    }

    @Test
    @Graded(exercise = "6.3", points = 3)
    @DisplayName("every key must match, and a key matches when any of its values does")
    void andAcrossKeysOrWithin() {
        Map<String, List<String>> webOrDbRunning = Map.of("label", List.of("app=web", "app=db"),
                "status", List.of("running"));
        assertThat(matches(webOrDbRunning, WEB)).isTrue();
        assertThat(matches(webOrDbRunning, DB)).as("db is exited").isFalse();
        assertThat(matches(Map.of("status", List.of("running", "exited")), DB)).isTrue();
        assertThat(matches(Map.of("name", List.of("db"), "label", List.of("app=web")), DB)).isFalse();
    }

    @Test
    @DisplayName("an unknown key or status is refused with 400, as Docker does")
    void refused() {
        assertThatThrownBy(() -> ContainerFilter.check(Map.of("colour", List.of("red"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("invalid filter 'colour'");
        assertThatThrownBy(() -> ContainerFilter.check(Map.of("status", List.of("sleeping"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
