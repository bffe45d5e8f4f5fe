package jocker.unionfs;

import java.util.Comparator;

/**
 * One line of {@code jocker diff}: what happened to a path, as Docker prints it.
 *
 * @param kind {@code A} added, {@code C} changed, {@code D} deleted
 * @param path absolute, as the container sees it: {@code /etc/passwd}
 */
public record Change(char kind, String path) {

    public static final char ADDED = 'A';
    public static final char CHANGED = 'C';
    public static final char DELETED = 'D';

    /** Parents before children, then by name: {@code /bin}, {@code /bin/ls}, {@code /bin.old}. */
    public static final Comparator<Change> BY_PATH = Comparator.comparing(c -> c.path().replace('/', '\u0000'));

    @Override
    public String toString() {
        return kind + " " + path;
    }
}
