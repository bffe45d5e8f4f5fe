package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("credentials are kept in a docker-style config.json, private to its owner")
class CredentialStoreTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("put writes {\"auths\":{host:{\"auth\":base64(user:pass)}}} with mode 0600; get reads it back")
    void putAndGet() throws Exception {
        CredentialStore store = new CredentialStore(tmp.resolve("jocker/config.json"));
        store.put("127.0.0.1:5000", new Credentials("alice", "s3cr:et"));

        JsonNode doc = new ObjectMapper().readTree(store.file().toFile());
        assertThat(doc.at("/auths/127.0.0.1:5000/auth").asText()).isEqualTo("YWxpY2U6czNjcjpldA==");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(store.get("http://127.0.0.1:5000/v2/")).contains(new Credentials("alice", "s3cr:et"));
        assertThat(store.get("127.0.0.1:5001")).isEmpty();
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).as("no temporary file left beside it").containsExactly(store.file());
        }
    }

    @Test
    @DisplayName("remove forgets one registry and keeps the rest of the file (other registries, other keys)")
    void remove() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"other:5000\":{\"auth\":\"YTpi\"}},\"credsStore\":\"pass\"}");
        CredentialStore store = new CredentialStore(file);
        store.put("127.0.0.1:5000", new Credentials("alice", "pw"));

        assertThat(store.remove("127.0.0.1:5000")).isTrue();
        assertThat(store.remove("127.0.0.1:5000")).as("a second time: nothing to remove").isFalse();
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.path("credsStore").asText()).isEqualTo("pass");
        assertThat(store.get("other:5000")).isEqualTo(Optional.of(new Credentials("a", "b")));
        assertThat(doc.path("auths").has("127.0.0.1:5000")).isFalse();
    }

    @Test
    @DisplayName("Docker Hub's names all mean one key, Docker's own: https://index.docker.io/v1/")
    void dockerHub() {
        assertThat(CredentialStore.key("docker.io")).isEqualTo(CredentialStore.DOCKER_HUB);
        assertThat(CredentialStore.key("registry-1.docker.io")).isEqualTo(CredentialStore.DOCKER_HUB);
        assertThat(CredentialStore.key("https://index.docker.io/v1/")).isEqualTo(CredentialStore.DOCKER_HUB);
        assertThat(CredentialStore.key("Registry.Example:443/v2/")).isEqualTo("registry.example:443");
    }
}
