package jocker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jocker.course.Graded;
import jocker.engine.Event;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code docker events --filter}: which events a client sees. */
@DisplayName("Event filters")
class EventFilterTest {

    private static final String ID = "4f3c2a1b9d8e" + "0".repeat(52);
    private static final String IMAGE_ID = "sha256:" + "ab".repeat(32);

    private static final Event DIE = Event.of(Event.CONTAINER, "die", ID,
            Map.of("name", "web", "image", "busybox", "exitCode", "1", "tier", "front"));
    private static final Event EXEC = Event.of(Event.CONTAINER, "exec_start: sh -c date", ID,
            Map.of("name", "web", "image", "busybox:1.36"));
    private static final Event TAG = Event.of(Event.IMAGE, "tag", IMAGE_ID, Map.of("name", "mine:v1"));
    private static final Event VOLUME = Event.of(Event.VOLUME, "create", "data", Map.of("driver", "local"));

    private static boolean matches(Event event, String... filters) {
        return EventFilter.parse(List.of(filters)).matches(event);
    }

    @Test
    @Graded(exercise = "6.9", points = 4)
    @DisplayName("type and event pick events; exec_start matches its command; no filter is everything")
    void typeAndAction() {
        assertThat(matches(DIE)).isTrue();
        assertThat(matches(DIE, "type=container")).isTrue();
        assertThat(matches(TAG, "type=container")).isFalse();
        assertThat(matches(DIE, "event=die")).isTrue();
        assertThat(matches(DIE, "event=start")).isFalse();
        assertThat(matches(DIE, "event=start", "event=die")).as("values of one key: any").isTrue();
        assertThat(matches(DIE, "type=container", "event=start")).as("keys: all").isFalse();
        assertThat(matches(EXEC, "event=exec_start")).isTrue();
        assertThat(matches(EXEC, "event=exec")).isFalse();
        assertThat(matches(VOLUME, "type=volume", "volume=data")).isTrue();
        assertThat(matches(VOLUME, "volume=other")).isFalse();
    }

    @Test
    @Graded(exercise = "6.9", points = 3)
    @DisplayName("container by name, ID or ID prefix; image by name, by name without its tag, or by ID")
    void containersAndImages() {
        assertThat(matches(DIE, "container=web")).isTrue();
        assertThat(matches(DIE, "container=4f3c2a")).isTrue();
        assertThat(matches(DIE, "container=we")).as("a name matches whole").isFalse();
        assertThat(matches(DIE, "container=db")).isFalse();
        assertThat(matches(TAG, "container=" + IMAGE_ID)).as("an image event is no container's").isFalse();
        assertThat(matches(DIE, "image=busybox")).isTrue();
        assertThat(matches(EXEC, "image=busybox")).as("a name without a tag: any tag").isTrue();
        assertThat(matches(EXEC, "image=busybox:1.36")).isTrue();
        assertThat(matches(EXEC, "image=busybox:1.35")).isFalse();
        assertThat(matches(DIE, "image=alpine")).isFalse();
        assertThat(matches(TAG, "image=mine:v1")).isTrue();
        assertThat(matches(TAG, "image=mine")).isTrue();
        assertThat(matches(TAG, "image=" + IMAGE_ID)).isTrue();
        assertThat(matches(TAG, "image=yours")).isFalse();
    }

    @Test
    @Graded(exercise = "6.9", points = 3)
    @DisplayName("label=key needs the attribute, label=key=value its value; unknown keys are refused")
    void labels() {
        assertThat(matches(DIE, "label=tier")).isTrue();
        assertThat(matches(DIE, "label=tier=front")).isTrue();
        assertThat(matches(DIE, "label=tier=back")).isFalse();
        assertThat(matches(DIE, "label=owner")).isFalse();
        assertThat(matches(DIE, "label=tier=front", "event=die", "container=web")).isTrue();
        assertThatThrownBy(() -> EventFilter.parse(List.of("colour=red"))).hasMessageContaining("colour");
        assertThatThrownBy(() -> EventFilter.parse(List.of("nonsense"))).hasMessageContaining("nonsense");
    }
}
