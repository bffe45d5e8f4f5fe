package jocker.registry;

import java.util.regex.Pattern;
import jocker.distribution.ErrorCode;
import jocker.images.Digest;

/**
 * The grammar of what a client names in a path (OCI distribution spec,
 * "Pulling manifests"): repository names, tags and digests. A name is
 * lowercase components joined by {@code /} ({@code lib/bb}), so that it is
 * also a safe relative path: no {@code ..}, no component starting with
 * {@code _}, which the storage keeps for itself.
 */
final class Names {

    /** The spec's {@code <name>}: components of {@code [a-z0-9]} joined by {@code .}, {@code _}, {@code __}, dashes. */
    static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

    /** The spec's {@code <reference>} when it is a tag. */
    static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    /** distribution's limit on a whole name. */
    static final int MAX_NAME = 255;

    private Names() {
    }

    /** {@code name}, or NAME_INVALID. */
    static String repository(String name) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: '" + name
                    + "' (lowercase letters and digits, separated by . _ __ - or /)", name);
        }
        return name;
    }

    /** Whether a manifest reference is a digest ({@code sha256:…}) rather than a tag: a tag has no colon. */
    static boolean isDigest(String reference) {
        return reference.contains(":");
    }

    /** {@code sha256:<64 hex>} as a {@link Digest}, or DIGEST_INVALID (also for sha512: this registry keeps none). */
    static Digest digest(String digest) {
        if (digest == null || !Digest.isDigest(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest: '" + digest
                    + "' (want sha256: and 64 lowercase hex digits)", digest);
        }
        return Digest.parse(digest);
    }

    /** Whether {@code tag} is a valid tag. */
    static boolean isTag(String tag) {
        return TAG.matcher(tag).matches();
    }
}
