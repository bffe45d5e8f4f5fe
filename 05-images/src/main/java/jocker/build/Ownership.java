package jocker.build;

import java.io.IOException;

/**
 * The owner {@code COPY --chown=USER[:GROUP]} gives the files it copies. A
 * name is looked up in the image's own {@code /etc/passwd} and
 * {@code /etc/group}, not the host's: the image's {@code app} may be
 * another number than the host's, or not exist there at all.
 *
 * @param uid the owner
 * @param gid the group
 */
record Ownership(int uid, int gid) {

    /** Docker's default for copied files: root, whoever owns them in the context. */
    static final Ownership ROOT = new Ownership(0, 0);

    /**
     * Parses {@code --chown}'s value. A user without a group gets the same
     * number as group ({@code --chown=10} is 10:10) or, for a name, the
     * user's primary group.
     */
    static Ownership parse(String chown, ImageFiles image) throws IOException {
        int colon = chown.indexOf(':');
        String user = colon < 0 ? chown : chown.substring(0, colon);
        String group = colon < 0 ? null : chown.substring(colon + 1);
        int uid;
        int primaryGid;
        if (user.matches("\\d+")) {
            uid = Integer.parseInt(user);
            primaryGid = uid;
        } else {
            String[] entry = lookup(image.read("/etc/passwd"), user, "passwd");
            uid = Integer.parseInt(entry[2]);
            primaryGid = Integer.parseInt(entry[3]);
        }
        if (group == null) {
            return new Ownership(uid, primaryGid);
        }
        int gid = group.matches("\\d+") ? Integer.parseInt(group)
                : Integer.parseInt(lookup(image.read("/etc/group"), group, "group")[2]);
        return new Ownership(uid, gid);
    }

    /** The fields of {@code name}'s line in a passwd or group file. */
    private static String[] lookup(String file, String name, String what) {
        for (String line : file.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name) && fields[2].matches("\\d+")
                    && (!what.equals("passwd") || fields.length >= 4 && fields[3].matches("\\d+"))) {
                return fields;
            }
        }
        throw new DockerfileException("unable to find " + (what.equals("passwd") ? "user " : "group ") + name
                + ": no matching entries in the image's /etc/" + what + "; use numbers (--chown=1000:1000)");
    }
}
