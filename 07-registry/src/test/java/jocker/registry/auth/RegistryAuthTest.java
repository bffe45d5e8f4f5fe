package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import jocker.course.Graded;
import jocker.distribution.Scope;
import jocker.distribution.auth.AuthenticationException;
import jocker.distribution.auth.Challenge;
import jocker.distribution.auth.Credentials;
import jocker.distribution.auth.RegistryAuthenticator;
import jocker.distribution.auth.RegistryLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jocker registry with access control, straight over HTTP: an
 * unauthenticated push is refused with 401 and a challenge; Basic
 * credentials, or a token from the token endpoint, let it through; a token
 * for pull only does not.
 */
@Timeout(120)
@DisplayName("the Jocker registry refuses an unauthenticated push and takes an authenticated one")
class RegistryAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Credentials ALICE = new Credentials("alice", "s3cret");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path tmp;

    private Path users;

    @BeforeEach
    void users() throws Exception {
        users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), ALICE.username(), ALICE.password());
    }

    /** {@code POST /v2/lib/bb/blobs/uploads/}, the first request of a push, with {@code authorization} or none. */
    private HttpResponse<String> startUpload(AuthRegistry registry, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://" + registry.host()
                + "/v2/lib/bb/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token from the challenge's realm, for {@code scope}, with Basic credentials or none. */
    private String token(Challenge challenge, String scope, Credentials credentials) throws Exception {
        URI uri = URI.create(challenge.param("realm") + "?service=" + enc(challenge.param("service")) + "&scope="
                + enc(scope));
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).GET();
        if (credentials != null) {
            r.header("Authorization", credentials.basicHeader());
        }
        HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("token endpoint: %s", answer.body()).isEqualTo(200);
        JsonNode doc = JSON.readTree(answer.body());
        assertThat(doc.path("expires_in").asInt()).isEqualTo(300);
        return "Bearer " + doc.path("token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertRefused(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    @DisplayName("Basic: 401 with Basic realm=\"jocker-registry\" without credentials or with a wrong password; "
            + "202 with them")
    void basic() throws Exception {
        try (AuthRegistry registry = new AuthRegistry(users, false)) {
            HttpResponse<String> anonymous = startUpload(registry, null);
            assertRefused(anonymous);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"jocker-registry\"");
            assertRefused(startUpload(registry, new Credentials("alice", "wrong").basicHeader()));

            HttpResponse<String> upload = startUpload(registry, ALICE.basicHeader());
            assertThat(upload.statusCode()).as("%s", upload.body()).isEqualTo(202);
            assertThat(upload.headers().firstValue("Location")).isPresent();
        }
    }

    @Test
    @Graded(exercise = "7.6", points = 3)
    @DisplayName("Bearer: the challenge names realm, service and scope; alice's pull,push token pushes; "
            + "an anonymous token (pull only) gets insufficient_scope")
    void bearer() throws Exception {
        try (AuthRegistry registry = new AuthRegistry(users, true)) {
            HttpResponse<String> anonymous = startUpload(registry, null);
            assertRefused(anonymous);
            Challenge challenge = Challenge.parse(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertThat(challenge.is("Bearer")).isTrue();
            assertThat(challenge.param("realm")).isEqualTo("http://" + registry.host() + "/token");
            assertThat(challenge.param("service")).isEqualTo("jocker-registry");
            assertThat(challenge.param("scope")).isEqualTo("repository:lib/bb:push");

            String push = token(challenge, "repository:lib/bb:pull,push", ALICE);
            HttpResponse<String> upload = startUpload(registry, push);
            assertThat(upload.statusCode()).as("%s", upload.body()).isEqualTo(202);

            String pullOnly = token(challenge, "repository:lib/bb:pull,push", null);
            HttpResponse<String> refused = startUpload(registry, pullOnly);
            assertRefused(refused);
            assertThat(Challenge.parse(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).param("error"))
                    .isEqualTo("insufficient_scope");
        }
    }

    @Test
    @DisplayName("the client side follows both challenges: RegistryAuthenticator's header gets the push through")
    void clientFollowsChallenges() throws Exception {
        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                URI base = URI.create("http://" + registry.host());
                String challenge = startUpload(registry, null).headers().firstValue("WWW-Authenticate").orElseThrow();
                Scope scope = Scope.repository("lib/bb", "pull", "push");
                String authorization = RegistryAuthenticator.with(Optional.of(ALICE)).authorize(base, challenge, scope);
                assertThat(startUpload(registry, authorization).statusCode()).as("token flow: %s", token)
                        .isEqualTo(202);
                String anonymous = RegistryAuthenticator.with(Optional.empty()).authorize(base, challenge, scope);
                if (anonymous != null) {
                    assertThat(startUpload(registry, anonymous).statusCode()).isEqualTo(401);
                }
            }
        }
    }

    @Test
    @DisplayName("login verifies against GET /v2/: a wrong password is 'unauthorized: …', the right one passes")
    void login() throws Exception {
        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                assertThatThrownBy(() -> RegistryLogin.verify(registry.host(), new Credentials("alice", "nope"),
                        Set.of())).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("Get \"http://" + registry.host() + "/v2/\": unauthorized: ");
                RegistryLogin.verify(registry.host(), ALICE, Set.of());
            }
        }
    }
}
