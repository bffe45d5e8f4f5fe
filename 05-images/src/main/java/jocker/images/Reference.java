package jocker.images;

import java.util.regex.Pattern;
import jocker.course.Exercise;

/**
 * An image reference, normalized as Docker normalizes it: {@code busybox}
 * is {@code docker.io/library/busybox:latest}, {@code me/app:1} is
 * {@code docker.io/me/app:1}, {@code localhost:5000/app@sha256:…} keeps
 * its registry and names a manifest by digest.
 *
 * @param domain the registry, {@code docker.io} when none is given
 * @param path   the repository inside it, {@code library/busybox}
 * @param tag    the tag, or null when the reference has only a digest
 * @param digest the manifest's digest after {@code @}, or null
 */
public record Reference(String domain, String path, String tag, String digest) {

    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    // tag::parse[]
    /**
     * Parses and normalizes {@code reference}; throws an {@link ImageException}
     * that says what is wrong with a malformed one. Without a tag or a
     * digest, the tag is {@code latest}.
     */
    public static Reference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new ImageException("invalid reference format: the image name is empty");
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!Digest.isDigest(digest)) {
                throw new ImageException("invalid reference format: '" + reference
                        + "': after @ comes a digest, sha256: and 64 hex digits");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new ImageException("invalid reference format: '" + reference + "': the tag '"
                        + tag + "' must be letters, digits, _ . - and at most 128 long");
            }
        }
        // Exercise 5.3: split off the domain (a first component with '.' or ':',
        //   or localhost), default docker.io, add library/ to docker.io's one-component
        //   names, check each path component, default the tag to latest without a digest.
        return Exercise.todo("5.3", "split off the domain (a first component with '.' or ':', or localhost), default docker.io, add library/ to docker.io's one-component names, check each path component, default the tag to latest without a digest.");
    }
    // end::parse[]

    /** {@code docker.io/library/busybox}: the repository with its registry. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as {@code docker images} shows it: {@code busybox}, {@code me/app}, {@code localhost:5000/app}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
        }
        return name();
    }

    /** The same repository with another tag and no digest. */
    public Reference withTag(String newTag) {
        return new Reference(domain, path, newTag, null);
    }

    /** {@code busybox:latest}, {@code me/app@sha256:…}: the short form users type. */
    public String familiar() {
        return familiarName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** The full form: {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
