package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import jocker.course.HostCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file, made by the real {@code htpasswd}, as an administrator makes it. */
@DisplayName("an htpasswd file of bcrypt entries checks passwords")
class HtpasswdTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void needsHtpasswd() {
        RegistryAuthFixtures.assumeHtpasswd();
    }

    @Test
    @DisplayName("htpasswd -Bbn's entries: the right password is taken, a wrong one and an unknown user are not")
    void verifies() throws Exception {
        Path file = tmp.resolve("htpasswd");
        Files.writeString(file, HostCommand.run("htpasswd", "-Bbn", "alice", "s3cret")
                + "# a comment\n\n" + HostCommand.run("htpasswd", "-Bbn", "bob", "pa:ss w0rd"));
        Htpasswd users = Htpasswd.load(file);
        assertThat(users.verify("alice", "s3cret")).isTrue();
        assertThat(users.verify("bob", "pa:ss w0rd")).isTrue();
        assertThat(users.verify("alice", "s3cret ")).isFalse();
        assertThat(users.verify("bob", "s3cret")).isFalse();
        assertThat(users.verify("carol", "s3cret")).isFalse();
    }

    @Test
    @DisplayName("a user added while it runs is known at once: the file is read again when it changes")
    void reloads() throws Exception {
        Path file = tmp.resolve("htpasswd");
        Files.writeString(file, HostCommand.run("htpasswd", "-Bbn", "alice", "a"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        Htpasswd users = Htpasswd.load(file);
        assertThat(users.verify("bob", "b")).isFalse();
        Files.writeString(file, HostCommand.run("htpasswd", "-Bbn", "bob", "b"), StandardOpenOption.APPEND);
        assertThat(users.verify("bob", "b")).isTrue();
    }

    @Test
    @DisplayName("MD5 entries (htpasswd without -B), a line without a colon, a missing file: refused, saying why")
    void refused() throws Exception {
        Path md5 = tmp.resolve("md5");
        Files.writeString(md5, HostCommand.run("htpasswd", "-bn", "alice", "s3cret"));
        assertThat(Files.readString(md5)).contains("$apr1$");
        assertThatThrownBy(() -> Htpasswd.load(md5)).isInstanceOf(IOException.class)
                .hasMessageContaining("alice").hasMessageContaining("bcrypt").hasMessageContaining("line 1");
        Path broken = tmp.resolve("broken");
        Files.writeString(broken, "alice\n");
        assertThatThrownBy(() -> Htpasswd.load(broken)).hasMessageContaining("not user:hash");
        assertThatThrownBy(() -> Htpasswd.load(tmp.resolve("missing"))).isInstanceOf(IOException.class);
    }
}
