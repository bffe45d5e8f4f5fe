package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import jocker.distribution.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bearer tokens: signed JWTs checked for signature, expiry and audience")
class TokenAuthorityTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");

    private static TokenAuthority at(Instant now, String service) {
        return new TokenAuthority(service, KEY, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("a token carries iss, sub, aud, exp, nbf, iat, jti and access; it verifies back to the same grants")
    void signAndVerify() throws Exception {
        List<Scope> access = List.of(Scope.repository("lib/bb", "pull", "push"));
        String token = at(T0, "reg").issue("alice", access).token();

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(TokenAuthority.ISSUER);
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("aud").asText()).isEqualTo("reg");
        assertThat(claims.path("exp").asLong()).isEqualTo(T0.getEpochSecond() + 300);
        assertThat(claims.path("nbf").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(claims.path("iat").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(claims.path("jti").asText()).isNotEmpty();
        assertThat(claims.at("/access/0/actions").toString()).isEqualTo("[\"pull\",\"push\"]");

        TokenAuthority.Token verified = at(T0.plusSeconds(299), "reg").verify(token);
        assertThat(verified.subject()).isEqualTo("alice");
        assertThat(verified.access()).isEqualTo(access);
    }

    @Test
    @DisplayName("expired, for another service, signed with another key, altered, unsigned: refused")
    void refused() throws Exception {
        String token = at(T0, "reg").issue("alice", List.of(Scope.repository("lib/bb", "pull"))).token();
        assertThatThrownBy(() -> at(T0.plusSeconds(300), "reg").verify(token)).hasMessageContaining("expired");
        assertThatThrownBy(() -> at(T0, "other").verify(token)).hasMessageContaining("another service");
        TokenAuthority otherKey = new TokenAuthority("reg", new byte[32], Clock.fixed(T0, ZoneOffset.UTC));
        assertThatThrownBy(() -> otherKey.verify(token)).hasMessageContaining("signature");

        String[] parts = token.split("\\.");
        String pushClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"pull\"", "\"push\"");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(pushClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> at(T0, "reg").verify(altered)).hasMessageContaining("signature");

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThatThrownBy(() -> at(T0, "reg").verify(none + "." + parts[1] + ".")).isInstanceOf(
                InvalidTokenException.class).hasMessageContaining("HS256");
        assertThatThrownBy(() -> at(T0, "reg").verify("not-a-token")).isInstanceOf(InvalidTokenException.class);
    }
}
