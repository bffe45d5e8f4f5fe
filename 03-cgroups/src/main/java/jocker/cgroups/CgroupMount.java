package jocker.cgroups;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code /proc/self/mountinfo} (proc(5)) that mounts a cgroup
 * file system:
 *
 * <pre>
 * 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 * |        |  |                                   | |             super options: the v1 controllers
 * |        |  mount point                         | file system type: cgroup (v1) or cgroup2
 * |        root: the cgroup shown at the mount point (not "/" when a container got a subtree)
 * mount ID
 * </pre>
 *
 * @param root         the cgroup path, from the hierarchy's root, that the mount point shows
 * @param mountPoint   where it is mounted
 * @param v2           {@code cgroup2}, the unified hierarchy, rather than a v1 {@code cgroup}
 * @param superOptions for v1 the controllers bound to this hierarchy (and options such as {@code rw})
 */
record CgroupMount(String root, String mountPoint, boolean v2, List<String> superOptions) {

    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    /** Every cgroup and cgroup2 mount, in mount order. */
    static List<CgroupMount> parse(String mountinfo) {
        return mountinfo.lines().map(CgroupMount::parseLine).filter(m -> m != null).toList();
    }

    private static CgroupMount parseLine(String line) {
        List<String> fields = Arrays.asList(line.split(" "));
        // Optional fields (shared:N, master:N) come before "-", so count from it.
        int dash = fields.indexOf("-");
        if (dash < 6 || fields.size() < dash + 4) {
            return null;
        }
        String type = fields.get(dash + 1);
        if (!type.equals("cgroup") && !type.equals("cgroup2")) {
            return null;
        }
        return new CgroupMount(unescape(fields.get(3)), unescape(fields.get(4)), type.equals("cgroup2"),
                List.of(fields.get(dash + 3).split(",")));
    }

    /** The kernel writes a space in a path as {@code \040}, a tab {@code \011}, a backslash {@code \134}. */
    static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(sb).toString();
    }
}
