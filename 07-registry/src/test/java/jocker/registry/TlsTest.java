package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jocker.registry.auth.Access;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over TLS ({@code --tls-cert/--tls-key}), with a self-signed certificate openssl makes. */
@DisplayName("the registry over TLS")
class TlsTest {

    @TempDir
    Path tmp;

    private TestRegistry registry;
    private Path cert;

    @BeforeEach
    void start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Skopeo.onPath("openssl"), "needs openssl on PATH");
        cert = tmp.resolve("certs/ca.crt");
        Path key = tmp.resolve("key.pem");
        Files.createDirectories(cert.getParent());
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        registry = new TestRegistry(Access.Options.anonymous(), cert, key);
        registry.client(HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** An SSL context whose only trusted root is {@code cert}. */
    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    @DisplayName("a client that trusts the certificate pushes and pulls over https; plain HTTP gets no answer")
    void httpsOnly() throws Exception {
        HttpResponse<String> base = registry.send(registry.request("/v2/").GET());
        assertThat(base.statusCode()).isEqualTo(200);
        OciImages.Image image = OciImages.small("secret");
        registry.push("lib/bb", "1", image);
        HttpResponse<byte[]> layer = registry.sendForBytes(registry.request("/v2/lib/bb/blobs/"
                + image.layer().digest()).GET());
        assertThat(jocker.images.Digest.of(layer.body())).isEqualTo(image.layer().digest());

        try (Socket plain = new Socket("127.0.0.1", Integer.parseInt(registry.host().split(":")[1]))) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            byte[] answer = plain.getInputStream().readAllBytes();
            assertThat(new String(answer)).as("plain HTTP gets no HTTP answer").doesNotContain("HTTP/1.1");
        }
    }

    @Test
    @DisplayName("skopeo with --dest-cert-dir pushes, and inspect --cert-dir shows the digest")
    void skopeoWithCertDir() throws Exception {
        Skopeo.assumeInstalled();
        OciImages.Image image = OciImages.busybox();
        Path source = OciImages.layout(tmp.resolve("src"), image, "1");
        String ref = "docker://" + registry.host() + "/lib/bb:1";
        Path certs = cert.getParent();
        Skopeo.Result push = Skopeo.run(tmp, "copy", "--dest-cert-dir", certs.toString(), "oci:" + source + ":1", ref);
        assertThat(push.exit()).as(push.out()).isZero();
        Skopeo.Result inspect = Skopeo.run(tmp, "inspect", "--cert-dir", certs.toString(), ref);
        assertThat(inspect.exit()).as(inspect.out()).isZero();
        assertThat(OciImages.JSON.readTree(inspect.out()).path("Digest").asText())
                .isEqualTo(image.manifest().digest().toString());
        Skopeo.Result untrusted = Skopeo.run(tmp, "inspect", ref);
        assertThat(untrusted.exit()).as("without the CA, skopeo refuses the certificate").isNotZero();
    }
}
