package jocker.distribution.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jocker.distribution.Scope;

/**
 * Answers a registry's challenges with credentials from somewhere (the
 * credential store, the docker CLI's {@code X-Registry-Auth}): Basic sends
 * them with every request; Bearer trades them for a token at the
 * challenge's realm, kept per registry and scope until it expires, so that
 * the layers of one push share one token.
 */
public final class RegistryAuthenticator implements Authenticator {

    /** Where the credentials of a registry ({@code host:port}) come from. */
    @FunctionalInterface
    public interface CredentialSource {
        Optional<Credentials> find(String registry) throws IOException;
    }

    /** A token this close to its end is fetched again: the request it goes with takes time. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final CredentialSource source;
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();

    public RegistryAuthenticator(CredentialSource source) {
        this.source = source;
    }

    /** The same credentials for every registry (jockerd: the ones the docker CLI sent); empty: anonymous. */
    public static RegistryAuthenticator with(Optional<Credentials> credentials) {
        return new RegistryAuthenticator(registry -> credentials);
    }

    @Override
    public String authorize(URI registry, String header, Scope scope) throws IOException {
        Challenge challenge;
        Set<Scope> scopes;
        try {
            challenge = Challenge.parse(header);
            scopes = scopes(challenge, scope);
        } catch (IllegalArgumentException e) {
            throw new IOException("registry " + registry.getAuthority() + " sent a bad challenge: "
                    + e.getMessage(), e);
        }
        Optional<Credentials> credentials = source.find(CredentialStore.key(registry.getAuthority()));
        if (challenge.is("Basic")) {
            return credentials.map(Credentials::basicHeader).orElse(null);
        }
        if (!challenge.is("Bearer")) {
            throw new IOException("registry " + registry.getAuthority() + " asks for " + challenge.scheme()
                    + " authentication; jocker speaks Basic and Bearer");
        }
        String key = registry + " " + scopes;
        if ("insufficient_scope".equals(challenge.param("error")) && credentials.isEmpty()) {
            return null; // anonymous tokens grant no more however often asked: the caller reports the 401
        }
        if (challenge.param("error") != null) {
            tokens.remove(key); // the token sent was refused (expired, or a scope it lacks): ask again
        }
        BearerToken token = tokens.get(key);
        if (token == null || token.expiresWithin(MARGIN, Instant.now())) {
            try {
                token = BearerToken.fetch(challenge, scopes, credentials);
            } catch (AuthenticationException refused) {
                if (credentials.isEmpty()) {
                    return null; // no anonymous access: the caller reports the registry's 401
                }
                throw refused;
            }
            tokens.put(key, token);
        }
        return "Bearer " + token.value();
    }

    /** The scope the caller asks for, and the one(s) the challenge names (space-separated), once each. */
    private static Set<Scope> scopes(Challenge challenge, Scope asked) {
        Set<Scope> scopes = new LinkedHashSet<>();
        if (asked != null) {
            scopes.add(asked);
        }
        String named = challenge.param("scope");
        if (named != null) {
            for (String s : named.strip().split(" +")) {
                if (!s.isEmpty()) {
                    scopes.add(Scope.parse(s));
                }
            }
        }
        return scopes;
    }
}
