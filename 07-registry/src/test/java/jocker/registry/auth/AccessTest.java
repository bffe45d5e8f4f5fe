package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.distribution.Scope;
import jocker.distribution.auth.Challenge;
import jocker.distribution.auth.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the registry decides for a request, for each access method, and what its token endpoint hands out. */
@DisplayName("registry access: Basic with htpasswd, and the bearer token flow")
class AccessTest {

    private static final Scope PUSH = Scope.repository("lib/bb", "push");
    private static final Scope PULL = Scope.repository("lib/bb", "pull");
    private static final String ALICE = new Credentials("alice", "s3cret").basicHeader();

    @TempDir
    Path tmp;

    private Path users;

    @BeforeEach
    void users() throws Exception {
        users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
    }

    private TokenAccess tokens() throws Exception {
        return new TokenAccess(Htpasswd.load(users), TokenAuthority.create("reg"),
                URI.create("http://127.0.0.1:5000/token"));
    }

    /** A GET to the token endpoint with {@code authorization} (or none) asking for {@code scopes}. */
    private static FakeTokenRequest.Answer fetch(Access access, String authorization, String... scopes)
            throws Exception {
        FakeTokenRequest request = new FakeTokenRequest().query("service", "reg");
        for (String s : scopes) {
            request.query("scope", s);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        FakeTokenRequest.Answer answer = new FakeTokenRequest.Answer();
        access.endpoints().get("/token").handle(request, answer);
        return answer;
    }

    private static String token(FakeTokenRequest.Answer answer) {
        assertThat(answer.status).as("token endpoint's status: %s", answer.document).isEqualTo(200);
        return "Bearer " + ((Map<?, ?>) answer.document).get("token");
    }

    @Test
    @DisplayName("Basic: no credentials or a wrong password get 401 with Basic realm=\"jocker-registry\"; "
            + "alice gets in")
    void basic() {
        Access access = Access.of(new Access.Options(users, null, null));
        Access.Decision none = access.check(null, PUSH);
        assertThat(none.allowed()).isFalse();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.challenge()).isEqualTo("Basic realm=\"jocker-registry\"");
        assertThat(access.check(new Credentials("alice", "wrong").basicHeader(), PUSH).status()).isEqualTo(401);
        assertThat(access.check(ALICE, PUSH).allowed()).isTrue();
        assertThat(access.check(ALICE, null).allowed()).isTrue();
        assertThat(access.endpoints()).isEmpty();
    }

    @Test
    @DisplayName("refuses to start: a non-bcrypt file, a missing one, a realm without users, a realm without a path")
    void badOptions() throws Exception {
        Path md5 = Files.writeString(tmp.resolve("md5"), HostCommand.run("htpasswd", "-bn", "alice", "x"));
        assertThatThrownBy(() -> Access.of(new Access.Options(md5, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bcrypt");
        assertThatThrownBy(() -> Access.of(new Access.Options(tmp.resolve("none"), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("htpasswd");
        assertThatThrownBy(() -> Access.of(new Access.Options(null, "http://127.0.0.1:5000/token", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--htpasswd");
        assertThatThrownBy(() -> Access.of(new Access.Options(users, "http://127.0.0.1:5000", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--token-realm");
    }

    @Test
    @DisplayName("Bearer: no token gets 401 with realm, service and the scope the request needs")
    void bearerChallenge() throws Exception {
        Access access = Access.of(new Access.Options(users, "http://127.0.0.1:5000/token", "reg"));
        assertThat(access.endpoints()).containsOnlyKeys("/token");
        Access.Decision none = access.check(null, PUSH);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.challenge()).isEqualTo(
                "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"reg\",scope=\"repository:lib/bb:push\"");
        assertThat(access.check(ALICE, PUSH).status()).as("Basic is no token").isEqualTo(401);
        assertThat(access.check("Bearer forged.token.here", PUSH).challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    @Graded(exercise = "7.6", points = 2)
    @DisplayName("a token asked for pull cannot push: 401 with error=\"insufficient_scope\"; a pull,push token can")
    void pullTokenCannotPush() throws Exception {
        TokenAccess access = tokens();
        String pullOnly = token(fetch(access, ALICE, "repository:lib/bb:pull"));
        Access.Decision push = access.check(pullOnly, PUSH);
        assertThat(push.status()).isEqualTo(401);
        Challenge challenge = Challenge.parse(push.challenge());
        assertThat(challenge.param("error")).isEqualTo("insufficient_scope");
        assertThat(challenge.param("scope")).isEqualTo("repository:lib/bb:push");
        assertThat(access.check(pullOnly, PULL).allowed()).isTrue();

        String both = token(fetch(access, ALICE, "repository:lib/bb:pull,push"));
        assertThat(access.check(both, PUSH).allowed()).isTrue();
        assertThat(access.check(both, Scope.repository("lib/other", "push")).status()).as("another repository")
                .isEqualTo(401);
    }

    @Test
    @DisplayName("the token endpoint: wrong password 401, anonymous gets pull only, expires_in 300, issued_at")
    void tokenEndpoint() throws Exception {
        TokenAccess access = tokens();
        FakeTokenRequest.Answer wrong = fetch(access, new Credentials("alice", "nope").basicHeader(),
                "repository:lib/bb:pull,push");
        assertThat(wrong.status).isEqualTo(401);
        assertThat(wrong.document.toString()).contains("UNAUTHORIZED", "incorrect username or password");

        FakeTokenRequest.Answer anonymous = fetch(access, null, "repository:lib/bb:pull,push");
        Map<?, ?> doc = (Map<?, ?>) anonymous.document;
        assertThat(doc.get("expires_in")).isEqualTo(300L);
        assertThat(doc.get("access_token")).isEqualTo(doc.get("token"));
        assertThat(doc.get("issued_at").toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(access.check(token(anonymous), PULL).allowed()).isTrue();
        assertThat(access.check(token(anonymous), PUSH).allowed()).isFalse();
        assertThat(access.check(token(fetch(access, null)), null).allowed()).as("GET /v2/ with any token").isTrue();

        FakeTokenRequest.Answer badScope = fetch(access, ALICE, "repository:lib/bb");
        assertThat(badScope.status).isEqualTo(400);
    }
}
