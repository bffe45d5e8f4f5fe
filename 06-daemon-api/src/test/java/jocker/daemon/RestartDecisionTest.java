package jocker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The watchdog's decision about a container that ended: Docker's restart manager. */
@DisplayName("Restart decisions")
class RestartDecisionTest {

    private static final Duration QUICK = Duration.ofMillis(50);

    private static RestartDecision decide(String policy, int status, int count, boolean stopped) {
        return RestartDecision.decide(RestartPolicy.parse(policy), status, count, stopped, QUICK, Duration.ZERO);
    }

    @Test
    @Graded(exercise = "6.8", points = 4)
    @DisplayName("each policy restarts what Docker restarts, and nothing its user stopped")
    void policies() {
        assertThat(decide("no", 1, 0, false).restart()).isFalse();
        assertThat(decide("always", 0, 5, false).restart()).isTrue();
        assertThat(decide("always", 1, 0, true).restart()).as("docker stop is final").isFalse();
        assertThat(decide("unless-stopped", 0, 0, false).restart()).isTrue();
        assertThat(decide("unless-stopped", 137, 0, true).restart()).isFalse();
        assertThat(decide("on-failure", 0, 0, false).restart()).as("success is no failure").isFalse();
        assertThat(decide("on-failure", 1, 40, false).restart()).as("no maximum: always again").isTrue();
        assertThat(decide("on-failure", 137, 0, true).restart()).isFalse();
    }

    @Test
    @Graded(exercise = "6.8", points = 3)
    @DisplayName("on-failure:2 restarts a failing container twice, then gives up")
    void maximumRetryCount() {
        assertThat(decide("on-failure:2", 1, 0, false).restart()).isTrue();
        assertThat(decide("on-failure:2", 1, 1, false).restart()).isTrue();
        assertThat(decide("on-failure:2", 1, 2, false).restart()).isFalse();
        assertThat(decide("on-failure:2", 1, 3, false).restart()).isFalse();
    }

    @Test
    @Graded(exercise = "6.8", points = 3)
    @DisplayName("the delay starts at 100 ms, doubles, stops at a minute, and starts over after 10 s of running")
    void delays() {
        RestartPolicy always = RestartPolicy.parse("always");
        Duration delay = Duration.ZERO;
        long[] expected = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000};
        for (int i = 0; i < expected.length; i++) {
            delay = RestartDecision.decide(always, 1, i, false, QUICK, delay).delay();
            assertThat(delay.toMillis()).as("restart %d", i + 1).isEqualTo(expected[i]);
        }
        assertThat(RestartDecision.decide(always, 1, 12, false, Duration.ofSeconds(10), delay).delay())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(RestartDecision.decide(always, 1, 12, false, Duration.ofMillis(9_999), Duration.ofMillis(400))
                .delay()).isEqualTo(Duration.ofMillis(800));
    }
}
