package jocker.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import jocker.images.Reference;

/**
 * Where a registry named in a reference answers: {@code docker.io} is
 * Docker Hub's {@code registry-1.docker.io}; a registry on a loopback
 * address, or one the user called insecure, speaks plain HTTP; every other
 * one HTTPS, trusting the system's CAs and, as Docker's {@code certs.d}
 * does, a registry's own CA in {@code /etc/jocker/certs.d/HOST:PORT/ca.crt}.
 * A registry given a CA there speaks HTTPS even on loopback: whoever put
 * the CA there means it to be checked.
 *
 * @param domain the registry as references spell it, {@code 127.0.0.1:5000}
 * @param base   {@code http://127.0.0.1:5000}, to which {@code /v2/…} is added
 */
public record RegistryEndpoint(String domain, URI base) {

    /** Docker Hub's API host: {@code docker.io} is only the name references use. */
    public static final String DOCKER_HUB = "registry-1.docker.io";
    /** Where a registry's extra CA is looked for, as in Docker's {@code /etc/docker/certs.d}. */
    public static final Path CERTS_D = Path.of("/etc/jocker/certs.d");
    /** The system property that puts {@link #CERTS_D} elsewhere (tests do). */
    public static final String CERTS_D_PROPERTY = "jocker.certs.d";

    /** The endpoint of {@code domain}, plain HTTP when it is loopback or in {@code insecure}. */
    public static RegistryEndpoint of(String domain, Set<String> insecure) {
        String host = domain.equals(Reference.DEFAULT_DOMAIN) ? DOCKER_HUB : domain;
        boolean plain = (isLoopback(hostOf(host)) || insecure.contains(domain) || insecure.contains(hostOf(domain)))
                && !Files.isRegularFile(caOf(domain));
        return new RegistryEndpoint(domain, URI.create((plain ? "http://" : "https://") + host));
    }

    /** {@code 127.0.0.1} of {@code 127.0.0.1:5000}, {@code ::1} of {@code [::1]:5000}. */
    static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            return domain.substring(1, domain.indexOf(']'));
        }
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }

    /** Whether {@code host} is this machine: {@code localhost}, 127.0.0.0/8, {@code ::1}; no name is looked up. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: resolving it would let DNS decide what is trusted
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code certs.d/HOST:PORT/ca.crt}: the CA a registry's certificate must come from, besides the system's. */
    static Path caOf(String domain) {
        String dir = System.getProperty(CERTS_D_PROPERTY);
        return (dir != null ? Path.of(dir) : CERTS_D).resolve(domain).resolve("ca.crt");
    }

    /** The TLS context for this registry: the system's CAs, plus {@code certs.d}'s CA for it if there is one. */
    public SSLContext sslContext() throws IOException {
        Path ca = caOf(domain);
        try {
            if (!Files.isRegularFile(ca)) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509TrustManager system : trustManagers(null)) {
                for (X509Certificate cert : system.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + i++, cert);
                }
            }
            try (InputStream in = Files.newInputStream(ca)) {
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("certs.d-" + i++, cert);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (CertificateException e) {
            throw new IOException(ca + ": not a PEM certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS for " + domain + ": " + e.getMessage(), e);
        }
    }

    private static java.util.List<X509TrustManager> trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        java.util.List<X509TrustManager> found = new java.util.ArrayList<>();
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                found.add(x);
            }
        }
        return found;
    }
}
