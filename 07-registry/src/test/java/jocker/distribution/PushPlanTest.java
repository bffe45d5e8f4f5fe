package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a push does with each blob. */
@DisplayName("A blob's push plan")
class PushPlanTest {

    @Test
    @Graded(exercise = "7.9", points = 8)
    @DisplayName("there already: skip; in another repository of the same registry: mount; else upload")
    void plan() {
        assertThat(PushPlan.decide(true, List.of("r:5000/lib/a"), "r:5000", "lib/b"))
                .isEqualTo(new PushPlan(PushPlan.Action.SKIP, null));
        assertThat(PushPlan.decide(false, List.of("docker.io/library/busybox", "r:5000/lib/a", "r:5000/lib/c"),
                "r:5000", "lib/b")).isEqualTo(new PushPlan(PushPlan.Action.MOUNT, "lib/a"));
        assertThat(PushPlan.decide(false, List.of(), "r:5000", "lib/b"))
                .isEqualTo(new PushPlan(PushPlan.Action.UPLOAD, null));
    }

    @Test
    @Graded(exercise = "7.9", points = 4)
    @DisplayName("no mount across registries, nor from the repository itself, nor from a port's look-alike")
    void noMount() {
        assertThat(PushPlan.decide(false, List.of("other:5000/lib/a", "r:5000/lib/b", "r:50000/lib/a"),
                "r:5000", "lib/b")).isEqualTo(new PushPlan(PushPlan.Action.UPLOAD, null));
    }
}
