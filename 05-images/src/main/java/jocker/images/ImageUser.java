package jocker.images;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Exercise;

/**
 * Whom a container's process runs as: the image's {@code User}, or
 * {@code run -u}, looked up as Docker looks it up (runc's
 * {@code GetExecUser}, in moby/sys/user) in the image's own
 * {@code /etc/passwd} and {@code /etc/group}, never the host's: a name
 * means what the image says it means.
 *
 * <pre>
 * ""            root: UID 0, and its group and home from passwd
 * "app"         the passwd entry named app: its UID, GID and home
 * "1000"        the entry of UID 1000 if there is one; else UID 1000, GID 0, home /
 * "app:staff"   app's UID, the GID of group staff
 * "1000:50"     UID 1000, GID 50, numbers that need no entry
 * </pre>
 *
 * Without an explicit group the process also gets, as supplementary
 * groups, every group of {@code /etc/group} whose member list names the
 * user; with one, none.
 *
 * @param uid            the user ID, {@code process.user.uid}
 * @param gid            the group ID, {@code process.user.gid}
 * @param additionalGids the supplementary groups, {@code process.user.additionalGids}: setgroups(2)
 * @param home           the home directory: {@code HOME} when the environment has none
 */
public record ImageUser(int uid, int gid, List<Integer> additionalGids, String home) {

    public ImageUser {
        additionalGids = List.copyOf(additionalGids);
    }

    /** One line of passwd(5): {@code name:password:UID:GID:GECOS:home:shell}. */
    record PasswdEntry(String name, int uid, int gid, String home) {
    }

    /** One line of group(5): {@code name:password:GID:member,member}. */
    record GroupEntry(String name, int gid, List<String> members) {
    }

    /** {@code user} looked up in the image's files, read through its layers. */
    public static ImageUser resolve(String user, ImageFiles image) throws IOException {
        return lookup(user == null ? "" : user, passwd(image.read("/etc/passwd").orElse("")),
                groups(image.read("/etc/group").orElse("")));
    }

    // tag::lookup[]
    /**
     * {@code user}, {@code name|uid[:group|gid]}, by Docker's rules: a
     * number is always a UID (GID), looked up to find its entry but valid
     * without one; a name must have an entry, else "unable to find user
     * NAME: no matching entries in passwd file". The first matching entry
     * wins. Root ({@code ""}) has home {@code /} and group 0 unless passwd
     * says otherwise.
     */
    static ImageUser lookup(String user, List<PasswdEntry> passwd, List<GroupEntry> groups) {
        int colon = user.indexOf(':');
        String userPart = colon < 0 ? user : user.substring(0, colon);
        String groupPart = colon < 0 ? "" : user.substring(colon + 1);
        // Exercise 5.9: find the passwd entry: by UID if userPart is a number (id; "" is 0),
        //   else by name (none: ImageException "unable to find user NAME: no matching entries in
        //   passwd file"). No entry for a UID: that UID, GID 0, home "/". With a groupPart, the GID
        //   is the group's of that name or that number (same rule, "…in group file"), no
        //   supplementary groups; without: the entry's GID, and every group whose members list the
        //   user's name.
        return Exercise.todo("5.9", "find the passwd entry: by UID if userPart is a number (id; \"\" is 0), else by name (none: ImageException \"unable to find user NAME: no matching entries in passwd file\"). No entry for a UID: that UID, GID 0, home \"/\". With a groupPart, the GID is the group's of that name or that number (same rule, \"…in group file\"), no supplementary groups; without: the entry's GID, and every group whose members list the user's name.");
    }
    // end::lookup[]

    /** A user or group ID, or null for a name; a number out of range is refused. */
    static Integer id(String value) {
        if (!value.matches("-?[0-9]+")) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException tooLong) {
            n = -1;
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new ImageException("user and group IDs must be between 0 and " + Integer.MAX_VALUE + ": " + value);
        }
        return (int) n;
    }

    /** The entries of a passwd(5) file; lines that are not one (blank, comments, bad numbers) are skipped. */
    static List<PasswdEntry> passwd(String text) {
        List<PasswdEntry> entries = new ArrayList<>();
        for (String[] f : fields(text, 7)) {
            if (isId(f[2]) && isId(f[3])) {
                entries.add(new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]));
            }
        }
        return entries;
    }

    /** The entries of a group(5) file, skipping what is not one. */
    static List<GroupEntry> groups(String text) {
        List<GroupEntry> entries = new ArrayList<>();
        for (String[] f : fields(text, 4)) {
            if (isId(f[2])) {
                List<String> members = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
                entries.add(new GroupEntry(f[0], Integer.parseInt(f[2]), members.stream().map(String::strip).toList()));
            }
        }
        return entries;
    }

    /** Each line's colon-separated fields, padded to {@code count} as runc pads a short line. */
    private static List<String[]> fields(String text, int count) {
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = new String[count];
            String[] given = line.split(":", -1);
            for (int i = 0; i < count; i++) {
                f[i] = i < given.length ? given[i] : "";
            }
            lines.add(f);
        }
        return lines;
    }

    private static boolean isId(String s) {
        return s.matches("[0-9]{1,9}");
    }
}
