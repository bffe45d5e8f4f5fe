package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.LocalImages;
import jocker.images.Reference;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The 401 challenge, answered through the Authenticator, against distribution 2.8 with htpasswd. */
@RequiresRoot("layers keep their files' owners")
@Timeout(120)
@DisplayName("Push and pull with basic auth")
class RegistryAuthTest {

    @TempDir
    Path tmp;

    /** Answers Basic challenges with one user's password, and remembers the challenges and scopes it saw. */
    static final class Basic implements Authenticator {
        final List<String> seen = new ArrayList<>();
        private final String user;
        private final String password;

        Basic(String user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public synchronized String authorize(java.net.URI registry, String challenge, Scope scope) {
            seen.add(challenge + " " + scope.name() + " " + new java.util.TreeSet<>(scope.actions()));
            return challenge.startsWith("Basic ") ? "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
        }
    }

    @Test
    @DisplayName("without credentials a push is refused with the registry's words; with them it goes through")
    void basicAuth() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Path htpasswd = tmp.resolve("htpasswd");
        Files.writeString(htpasswd, "alice:" + OpenBSDBCrypt.generate("2y", "s3cret".toCharArray(), salt, 5) + "\n");
        try (DistributionRegistry registry = DistributionRegistry.start(htpasswd)) {
            LocalImages images = new LocalImages(tmp.resolve("root"));
            String ref = registry.domain() + "/team/app:1";
            LocalImages.Image image = PushPullTest.image(images, tmp, ref, "a");

            assertThatThrownBy(() -> Distribution.push(images, Reference.parse(ref), Authenticator.anonymous(),
                    Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("unauthorized: authentication required")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(401));
            assertThatThrownBy(() -> Distribution.push(images, Reference.parse(ref), new Basic("alice", "wrong"),
                    Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("unauthorized");

            Basic alice = new Basic("alice", "s3cret");
            assertThat(Distribution.push(images, Reference.parse(ref), alice, Progress.silent(),
                    Distribution.Options.defaults())).isEqualTo(image.manifestDigest());
            assertThat(alice.seen).first().asString()
                    .startsWith("Basic realm=\"jocker-test\"").endsWith("team/app [pull, push]");

            LocalImages other = new LocalImages(tmp.resolve("other"));
            assertThat(Distribution.pull(other, Reference.parse(ref), new Basic("alice", "s3cret"),
                    Progress.silent(), Distribution.Options.defaults()).id()).isEqualTo(image.id());
        }
    }
}
