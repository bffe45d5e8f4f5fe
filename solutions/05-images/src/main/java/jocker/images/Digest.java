package jocker.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content address, {@code sha256:} and 64 hex digits: the name of a blob
 * is the SHA-256 of its bytes, so a name says what the bytes must be. Only
 * SHA-256 is accepted; the OCI spec allows sha512 too, which no registry or
 * tool here writes.
 */
public record Digest(String hex) implements Comparable<Digest> {

    public static final String SHA256 = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new ImageException("'" + hex + "' is not a SHA-256 digest: want 64 lowercase hex digits");
        }
    }

    /*
     * equals and hashCode written out, as the record would generate them:
     * digests are map keys on every image lookup, and a record's generated
     * methods are linked the first time they run (an invokedynamic call
     * site, method handles spun), milliseconds of a short-lived JVM.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** {@code sha256:<64 hex>}; throws an {@link ImageException} that quotes anything else. */
    public static Digest parse(String digest) {
        if (digest == null || !digest.startsWith(SHA256)) {
            throw new ImageException("'" + digest + "' is not a digest: want sha256: and 64 hex digits");
        }
        return new Digest(digest.substring(SHA256.length()));
    }

    /** Whether {@code s} is a well-formed {@code sha256:…} digest. */
    public static boolean isDigest(String s) {
        return s != null && s.startsWith(SHA256) && HEX.matcher(s.substring(SHA256.length())).matches();
    }

    /** The digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    /** The digest a finished {@link MessageDigest} computed. */
    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The first 12 hex digits, as {@code docker images} shows an image ID. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return SHA256 + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }
}
