package jocker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code --restart}'s syntax, as the docker CLI writes it. */
@DisplayName("Restart policies")
class RestartPolicyTest {

    @Test
    @DisplayName("on-failure:2, always, no and the empty default parse; nonsense is refused")
    void parses() {
        assertThat(RestartPolicy.parse("on-failure:2")).isEqualTo(new RestartPolicy("on-failure", 2));
        assertThat(RestartPolicy.parse("on-failure")).isEqualTo(new RestartPolicy("on-failure", 0));
        assertThat(RestartPolicy.parse("always").restarts()).isTrue();
        assertThat(RestartPolicy.parse("").restarts()).isFalse();
        assertThat(new RestartPolicy(null, 0)).isEqualTo(RestartPolicy.NONE);
        assertThatThrownBy(() -> RestartPolicy.parse("sometimes")).hasMessageContaining("sometimes");
        assertThatThrownBy(() -> RestartPolicy.parse("always:3")).hasMessageContaining("always");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:-1")).hasMessageContaining("negative");
    }
}
