package jocker.security;

/**
 * {@code -u UID[:GID]}: numeric IDs, as the kernel knows users. Names would
 * have to be looked up in the image's {@code /etc/passwd}; Jocker does not.
 * Without a GID the group is 0, as Docker does for a UID the image does not list.
 */
public record UserIds(int uid, int gid) {

    public UserIds {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("user and group IDs cannot be negative: " + uid + ":" + gid);
        }
    }

    /** {@code 1000} or {@code 1000:1000}; throws for anything else. */
    public static UserIds parse(String value) {
        String[] parts = value.split(":", -1);
        try {
            if (parts.length == 1) {
                return new UserIds(Integer.parseInt(parts[0]), 0);
            }
            if (parts.length == 2) {
                return new UserIds(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("invalid user \"" + value
                + "\": give numeric IDs, UID or UID:GID (user names are not looked up)");
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
