package jocker.distribution.auth;

import java.io.IOException;
import java.net.URI;
import jocker.distribution.Scope;

/**
 * Answers a registry's challenge: given the {@code WWW-Authenticate} of a
 * 401, the {@code Authorization} header to send again ({@code Basic …}, or
 * {@code Bearer …} with a token fetched from the challenge's realm).
 */
public interface Authenticator {

    /**
     * The {@code Authorization} header for requests to {@code registry}
     * (scheme, host and port) for {@code scope}, after the challenge
     * {@code challenge}; null when there is nothing to answer it with (no
     * credentials), so that the caller reports the 401.
     */
    String authorize(URI registry, String challenge, Scope scope) throws IOException;

    /** Answers nothing: anonymous access only. */
    static Authenticator anonymous() {
        return (registry, challenge, scope) -> null;
    }

    /** Credentials from the user's docker-style {@code config.json} ({@code jocker login}). */
    static Authenticator fromConfig() {
        CredentialStore store = CredentialStore.defaultStore();
        return new RegistryAuthenticator(store::get);
    }

    /** jockerd: the docker CLI's {@code X-Registry-Auth} header (base64url JSON), null or empty meaning none. */
    static Authenticator fromRegistryAuthHeader(String header) {
        return RegistryAuthenticator.with(RegistryAuthHeader.decode(header));
    }
}
