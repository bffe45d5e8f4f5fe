package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("X-Registry-Auth, the credentials the docker CLI sends jockerd, is decoded")
class RegistryAuthHeaderTest {

    private static final String JSON =
            "{\"username\":\"alice\",\"password\":\"p?>~\",\"serveraddress\":\"127.0.0.1:5000\"}";

    @Test
    @DisplayName("base64url JSON, padded or not, or in the standard alphabet")
    void decodes() {
        byte[] bytes = JSON.getBytes(StandardCharsets.UTF_8);
        Credentials expected = new Credentials("alice", "p?>~");
        assertThat(RegistryAuthHeader.decode(Base64.getUrlEncoder().encodeToString(bytes))).contains(expected);
        assertThat(RegistryAuthHeader.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .contains(expected);
        assertThat(RegistryAuthHeader.decode(Base64.getEncoder().encodeToString(bytes))).contains(expected);
        assertThat(RegistryAuthHeader.decode(RegistryAuthHeader.encode(expected, "127.0.0.1:5000"))).contains(expected);
    }

    @Test
    @DisplayName("absent, empty, {} or without a user: anonymous; not base64 JSON: refused")
    void anonymousAndBad() {
        assertThat(RegistryAuthHeader.decode(null)).isEmpty();
        assertThat(RegistryAuthHeader.decode("")).isEmpty();
        assertThat(RegistryAuthHeader.decode(Base64.getUrlEncoder().encodeToString("{}".getBytes()))).isEmpty();
        assertThatThrownBy(() -> RegistryAuthHeader.decode("%%%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Registry-Auth");
    }
}
