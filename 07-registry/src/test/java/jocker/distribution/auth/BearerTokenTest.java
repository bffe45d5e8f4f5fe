package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a token server's answer is read: token or access_token, and how long it lasts")
class BearerTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-30T22:00:00Z");

    private static BearerToken read(String json) throws IOException {
        return BearerToken.read(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    @DisplayName("token with expires_in; access_token (OAuth's name); no expires_in means the spec's 60 s")
    void reads() throws Exception {
        assertThat(read("{\"token\":\"t1\",\"expires_in\":300}"))
                .isEqualTo(new BearerToken("t1", NOW.plusSeconds(300)));
        assertThat(read("{\"access_token\":\"t2\"}")).isEqualTo(new BearerToken("t2", NOW.plusSeconds(60)));
        assertThat(new BearerToken("t", NOW.plusSeconds(5)).expiresWithin(Duration.ofSeconds(10), NOW)).isTrue();
        assertThat(new BearerToken("t", NOW.plusSeconds(50)).expiresWithin(Duration.ofSeconds(10), NOW)).isFalse();
    }

    @Test
    @DisplayName("an answer without a token is an error")
    void noToken() {
        assertThatThrownBy(() -> read("{\"expires_in\":300}")).isInstanceOf(IOException.class)
                .hasMessageContaining("no token");
    }
}
