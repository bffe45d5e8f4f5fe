package jocker.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jocker.distribution.Scope;

/**
 * Makes and checks the registry's bearer tokens: JWTs whose claims say who
 * the holder is, for which service, until when, and what it may do.
 *
 * <pre>
 * {"iss": "jocker-registry", "sub": "alice", "aud": "jocker-registry",
 *  "exp": 1764547500, "nbf": 1764547200, "iat": 1764547200, "jti": "…",
 *  "access": [{"type": "repository", "name": "lib/bb", "actions": ["pull", "push"]}]}
 * </pre>
 *
 * <p>The key is made at startup and lives only in memory: a restart makes
 * every token invalid, and clients simply fetch new ones.
 */
public final class TokenAuthority {

    /** The {@code iss} of every token: who signed it. */
    public static final String ISSUER = "jocker-registry";

    /** How long a token is good for: Docker Hub's five minutes. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final String service;
    private final byte[] key;
    private final Clock clock;

    /** Tokens for {@code service} (their {@code aud}), signed with {@code key}, dated by {@code clock}. */
    public TokenAuthority(String service, byte[] key, Clock clock) {
        this.service = service;
        this.key = key.clone();
        this.clock = clock;
    }

    /** A fresh random 256-bit key, the system clock. */
    public static TokenAuthority create(String service) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new TokenAuthority(service, key, Clock.systemUTC());
    }

    public String service() {
        return service;
    }

    /** A token issued now. */
    public record Issued(String token, Instant issuedAt, Duration lifetime) {
    }

    /** What a verified token says. */
    public record Token(String subject, List<Scope> access) {
    }

    /** A token for {@code subject} (empty: anonymous) granting {@code access}. */
    public Issued issue(String subject, List<Scope> access) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", service);
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access.stream().map(TokenAuthority::claim).toList());
        return new Issued(JsonWebToken.sign(claims, key), now, LIFETIME);
    }

    /** One granted scope as the token's {@code access} claim lists it, its keys in the same order every run. */
    private static Map<String, Object> claim(Scope scope) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("type", scope.type());
        claim.put("name", scope.name());
        claim.put("actions", scope.actions().stream().sorted().toList());
        return claim;
    }

    /**
     * The claims of {@code token} once its signature, issuer, audience and
     * dates are checked.
     */
    public Token verify(String token) throws InvalidTokenException {
        JsonNode claims = JsonWebToken.verify(token, key);
        if (!ISSUER.equals(claims.path("iss").asText())) {
            throw new InvalidTokenException("token issued by '" + claims.path("iss").asText() + "', not " + ISSUER);
        }
        if (!audience(claims.path("aud")).contains(service)) {
            throw new InvalidTokenException("token for another service (" + claims.path("aud") + "), not " + service);
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || now >= claims.path("exp").asLong()) {
            throw new InvalidTokenException("token expired");
        }
        if (now < claims.path("nbf").asLong(0)) {
            throw new InvalidTokenException("token not valid yet");
        }
        List<Scope> access = new ArrayList<>();
        for (JsonNode entry : claims.path("access")) {
            Set<String> actions = new HashSet<>();
            entry.path("actions").forEach(a -> actions.add(a.asText()));
            access.add(new Scope(entry.path("type").asText(), entry.path("name").asText(), actions));
        }
        return new Token(claims.path("sub").asText(""), List.copyOf(access));
    }

    /** {@code aud} is one string or, as RFC 7519 allows, an array of them. */
    private static Set<String> audience(JsonNode aud) {
        Set<String> names = new HashSet<>();
        if (aud.isArray()) {
            aud.forEach(a -> names.add(a.asText()));
        } else if (aud.isTextual()) {
            names.add(aud.asText());
        }
        return names;
    }
}
