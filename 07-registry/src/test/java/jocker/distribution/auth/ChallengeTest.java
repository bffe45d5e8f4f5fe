package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 7.5: reading a registry's WWW-Authenticate challenge, as registries really write them. */
@DisplayName("a WWW-Authenticate challenge is read into its scheme and parameters")
class ChallengeTest {

    @Test
    @Graded(exercise = "7.5", points = 2)
    @DisplayName("Basic realm=\"…\": distribution 2.8's challenge with htpasswd auth")
    void basic() {
        Challenge c = Challenge.parse("Basic realm=\"basic-realm\"");
        assertThat(c.scheme()).isEqualTo("Basic");
        assertThat(c.params()).isEqualTo(Map.of("realm", "basic-realm"));
        assertThat(c.is("basic")).as("schemes are case-insensitive").isTrue();
    }

    @Test
    @Graded(exercise = "7.5", points = 3)
    @DisplayName("Docker Hub's Bearer challenge: three parameters, commas inside the quoted scope")
    void bearerWithScope() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"");
        assertThat(c.is("Bearer")).isTrue();
        assertThat(c.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull,push"));
    }

    @Test
    @Graded(exercise = "7.5", points = 3)
    @DisplayName("escapes in quoted strings, token values, spaces around = and commas, names in any case")
    void escapesTokensAndSpaces() {
        Challenge c = Challenge.parse("Bearer  Realm = \"http://h/t?a=1,b=\\\"2\\\"\" , service=reg ,"
                + "error=\"insufficient_scope\",x=\"a\\\\b\"");
        assertThat(c.param("realm")).isEqualTo("http://h/t?a=1,b=\"2\"");
        assertThat(c.param("service")).isEqualTo("reg");
        assertThat(c.param("error")).isEqualTo("insufficient_scope");
        assertThat(c.param("x")).isEqualTo("a\\b");
        assertThat(c.param("REALM")).as("parameter names are case-insensitive").isEqualTo(c.param("realm"));
        assertThat(Challenge.parse("Bearer").params()).as("a scheme alone").isEmpty();
    }

    @Test
    @Graded(exercise = "7.5", points = 2)
    @DisplayName("an empty header, a parameter without a value, an unterminated quote: refused, saying why")
    void malformed() {
        assertThatThrownBy(() -> Challenge.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Challenge.parse("Bearer realm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realm");
        assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"http://h/token,service=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }
}
