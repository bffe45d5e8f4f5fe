package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.LocalImages;
import jocker.images.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a registry whose certificate comes from a CA of certs.d. */
@RequiresRoot("layers keep their files' owners")
@Timeout(120)
@DisplayName("Push and pull over TLS, with certs.d")
class RegistryTlsTest {

    @TempDir
    Path tmp;

    @AfterEach
    void forgetCertsDir() {
        System.clearProperty(RegistryEndpoint.CERTS_D_PROPERTY);
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    @DisplayName("a registry with a CA in certs.d is reached over HTTPS, even on loopback; without it, refused")
    void certsD() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "requires openssl");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=jocker test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(tmp.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "1", "-extfile", "ext.cnf");
        try (DistributionRegistry registry = DistributionRegistry.start(null, tmp.resolve("server.crt"),
                tmp.resolve("server.key"))) {
            LocalImages images = new LocalImages(tmp.resolve("root"));
            String ref = registry.domain() + "/secure/app:1";
            LocalImages.Image image = PushPullTest.image(images, tmp, ref, "a");
            Path certsD = tmp.resolve("certs.d");
            System.setProperty(RegistryEndpoint.CERTS_D_PROPERTY, certsD.toString());

            // no CA: loopback means plain HTTP, which a TLS registry does not answer as a registry
            assertThatThrownBy(() -> Distribution.push(images, Reference.parse(ref), Authenticator.anonymous(),
                    Progress.silent(), Distribution.Options.defaults())).isInstanceOf(java.io.IOException.class);

            Files.createDirectories(certsD.resolve(registry.domain()));
            Files.copy(tmp.resolve("ca.crt"), certsD.resolve(registry.domain()).resolve("ca.crt"));
            assertThat(RegistryEndpoint.of(registry.domain(), java.util.Set.of()).base().getScheme())
                    .isEqualTo("https");
            assertThat(Distribution.push(images, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    Distribution.Options.defaults())).isEqualTo(image.manifestDigest());
            LocalImages other = new LocalImages(tmp.resolve("other"));
            assertThat(Distribution.pull(other, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    Distribution.Options.defaults()).id()).isEqualTo(image.id());
        }
    }
}
