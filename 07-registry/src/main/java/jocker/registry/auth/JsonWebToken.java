package jocker.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON Web Token signed with HMAC-SHA256 (RFC 7519, RFC 7515; "HS256"):
 * three base64url parts joined by dots, {@code header.claims.signature},
 * the signature an HMAC of the first two with a key only the registry
 * knows. Anyone can read a token (it is encoded, not encrypted); only the
 * key's holder can make one that verifies.
 *
 * <pre>
 * {"alg":"HS256","typ":"JWT"} . {"iss":"jocker-registry","sub":"alice",…} . HMAC-SHA256(key, first two parts)
 * </pre>
 *
 * <p>Distribution's own token auth uses RS256 or ES256 with a certificate,
 * so that the token server and the registry need not share a secret; here
 * both run in one process, and a shared key made at startup is enough.
 */
final class JsonWebToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private JsonWebToken() {
    }

    /** The signed token carrying {@code claims}. */
    static String sign(Map<String, Object> claims, byte[] key) {
        try {
            String signed = HEADER + "." + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
            return signed + "." + ENCODER.encodeToString(hmac(key, signed));
        } catch (IOException e) {
            throw new IllegalArgumentException("claims that are not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The claims of {@code token} once its signature is checked. Only HS256
     * is accepted: a token saying {@code "alg":"none"} (unsigned) is the
     * classic forgery, refused here by never reading the algorithm from the
     * token to decide how to check it.
     */
    static JsonNode verify(String token, byte[] key) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JSON web token (three dot-separated parts)");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (header == null || !"HS256".equals(header.path("alg").asText())) {
                throw new InvalidTokenException("token not signed with HS256");
            }
            byte[] expected = hmac(key, parts[0] + "." + parts[1]);
            // constant time: a comparison that stops at the first wrong byte tells an attacker how far he got
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidTokenException("bad token signature");
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                throw new InvalidTokenException("token claims are not a JSON object");
            }
            return claims;
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidTokenException("malformed token: " + e.getMessage());
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
