package jocker.volumes;

import java.nio.file.Path;
import java.util.regex.Pattern;
import jocker.course.Exercise;

/**
 * One {@code -v} of {@code docker run}, parsed: what is mounted where, and
 * how. Docker's three forms ({@code volume/mounts/linux_parser.go}):
 *
 * <pre>
 * -v /srv/www:/usr/share/www:ro   a bind: a host directory, absolute
 * -v cache:/var/cache             a named volume, made on first use
 * -v /var/lib/db                  an anonymous volume: a named one with a random name
 * </pre>
 *
 * @param type        what {@code source} is
 * @param source      the host path of a bind, the name of a volume, null for an anonymous one
 * @param destination where it appears in the container: absolute, cleaned ({@code /data/} is {@code /data})
 * @param readOnly    {@code :ro}
 * @param noCopy      {@code :nocopy}: a new volume is not filled with what the image has at the destination
 */
public record VolumeSpec(Type type, String source, String destination, boolean readOnly, boolean noCopy) {

    /** What is mounted. */
    public enum Type { BIND, VOLUME, ANONYMOUS }

    /** Docker's local volume names: an alphanumeric, then at least one of these. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** {@code -v} as the user wrote it, back: {@code HostConfig.Binds} shows it so. */
    public String text() {
        String mode = (readOnly ? "ro" : "") + (noCopy ? (readOnly ? "," : "") + "nocopy" : "");
        String base = source == null ? destination : source + ":" + destination;
        return mode.isEmpty() ? base : base + ":" + mode;
    }

    // tag::parse[]
    /**
     * Parses one {@code -v}: one, two or three parts separated by colons.
     * Two parts are {@code source:destination}, unless the second is a mode
     * ({@code /data:ro}, an anonymous volume). A source that starts with
     * {@code /} is a host path, anything else must be a volume name. Throws
     * {@link IllegalArgumentException} with Docker's words for what it refuses:
     * an empty part, a relative destination or {@code /}, a mode other than
     * {@code ro}, {@code rw} and {@code nocopy} (comma-separated, ro and rw not both).
     */
    public static VolumeSpec parse(String raw) {
        // Exercise 6.7: split on ':' into 1 to 3 non-empty parts; 2 parts whose second is a
        //   mode mean an anonymous volume with a mode; then check the destination, the mode,
        //   the name.
        return Exercise.todo("6.7", "split on ':' into 1 to 3 non-empty parts; 2 parts whose second is a mode mean an anonymous volume with a mode; then check the destination, the mode, the name.");
    }
    // end::parse[]

    /** A mode Docker's parser accepts here: {@code ro}, {@code rw}, {@code nocopy}, each once, ro and rw not both. */
    static boolean isMode(String mode) {
        int rw = 0;
        int copy = 0;
        for (String m : mode.split(",", -1)) {
            switch (m) {
                case "ro", "rw" -> rw++;
                case "nocopy" -> copy++;
                default -> {
                    return false;
                }
            }
        }
        return rw <= 1 && copy <= 1;
    }

    /** Refuses what cannot be a local volume's name, with Docker's hint for a relative host path. */
    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("create " + name + ": \"" + name + "\" includes invalid characters"
                    + " for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended"
                    + " to pass a host directory, use absolute path");
        }
    }

    private static IllegalArgumentException invalid(String raw) {
        return new IllegalArgumentException("invalid volume specification: '" + raw + "'");
    }
}
