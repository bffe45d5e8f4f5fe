package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import jocker.registry.auth.AuthRegistry;
import jocker.registry.auth.RegistryAuthFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** skopeo, a real client, through the registry's access control: Basic, and Docker Hub's token flow. */
@Timeout(240)
@DisplayName("skopeo pushes with credentials, and not without, to the Jocker registry with auth")
class SkopeoAuthTest {

    @TempDir
    Path tmp;

    private Path users;

    @BeforeEach
    void setUp() throws Exception {
        Skopeo.assumeInstalled();
        users = RegistryAuthFixtures.htpasswd(tmp.resolve("htpasswd"), "alice", "s3cret");
    }

    @Test
    @DisplayName("without credentials the push fails (401); with alice's it succeeds; inspect shows its digest")
    void pushWithAndWithoutCredentials() throws Exception {
        OciImages.Image image = OciImages.small("auth");
        Path source = OciImages.layout(tmp.resolve("src"), image, "1");
        for (boolean token : new boolean[] {false, true}) {
            try (AuthRegistry registry = new AuthRegistry(users, token)) {
                String ref = "docker://" + registry.host() + "/lib/bb:1";
                Skopeo.Result anonymous = Skopeo.run(tmp, "copy", "--dest-tls-verify=false", "oci:" + source + ":1",
                        ref);
                assertThat(anonymous.exit()).as("token flow %s: %s", token, anonymous.out()).isNotZero();
                assertThat(anonymous.out()).containsIgnoringCase("unauthorized");

                Skopeo.Result push = Skopeo.run(tmp, "copy", "--dest-tls-verify=false", "--dest-creds", "alice:s3cret",
                        "oci:" + source + ":1", ref);
                assertThat(push.exit()).as("token flow %s: %s", token, push.out()).isZero();

                Skopeo.Result inspect = Skopeo.run(tmp, "inspect", "--tls-verify=false", "--creds", "alice:s3cret",
                        ref);
                assertThat(inspect.exit()).as(inspect.out()).isZero();
                JsonNode info = OciImages.JSON.readTree(inspect.out());
                assertThat(info.path("Digest").asText()).isEqualTo(image.manifest().digest().toString());
            }
        }
    }
}
