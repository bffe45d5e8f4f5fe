package jocker.cgroups;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.spec.Spec;

/**
 * The devices controller: which device files the container's tasks may open
 * (read, write) and make (mknod). A device file is only a name for a major and
 * minor number; whoever can open {@code b 254:0} reads the host's disk, wherever
 * the file lies. So the cgroup decides by number, not by path:
 * {@code Documentation/admin-guide/cgroup-v1/devices.rst} on v1, an eBPF program
 * on v2 ({@link DeviceProgram}). Both are asked on every open, and the
 * permission check of open(2) fails with EPERM when either refuses.
 *
 * <p>Rules come as in the spec's {@code linux.resources.devices}: the first
 * denies everything, the later ones allow one device each. Later rules
 * override earlier ones.
 */
public final class DeviceRules {

    /** Set by {@code --privileged}: every device allowed, as in Docker. */
    public static final String ANNOTATION_PRIVILEGED = "dev.jocker.privileged";

    private DeviceRules() {
    }

    /**
     * Docker's default ({@code moby/oci/defaults.go}): nothing, then mknod of
     * any device, so that images may carry device files (they cannot be used),
     * then the devices every program may expect and the terminals.
     */
    // tag::defaults[]
    public static List<Spec.DeviceCgroup> dockerDefaults() {
        List<Spec.DeviceCgroup> rules = new ArrayList<>();
        rules.add(new Spec.DeviceCgroup(false, "a", null, null, "rwm")); // deny everything first
        rules.add(allow("c", null, null, "m"));  // mknod of any char device
        rules.add(allow("b", null, null, "m"));  // and of any block device: no open
        rules.add(allow("c", 1L, 3L, "rwm"));    // null
        rules.add(allow("c", 1L, 5L, "rwm"));    // zero
        rules.add(allow("c", 1L, 7L, "rwm"));    // full
        rules.add(allow("c", 1L, 8L, "rwm"));    // random
        rules.add(allow("c", 1L, 9L, "rwm"));    // urandom
        rules.add(allow("c", 5L, 0L, "rwm"));    // tty
        rules.add(allow("c", 5L, 1L, "rwm"));    // console
        rules.add(allow("c", 5L, 2L, "rwm"));    // ptmx
        rules.add(allow("c", 136L, null, "rwm")); // pts/*: the container's terminals
        return rules;
    }
    // end::defaults[]

    /** {@code --privileged}: one rule that allows every device. */
    public static List<Spec.DeviceCgroup> allowAll() {
        return new ArrayList<>(List.of(allow("a", null, null, "rwm")));
    }

    /** An allow rule; a null major or minor is any. */
    public static Spec.DeviceCgroup allow(String type, Long major, Long minor, String access) {
        return new Spec.DeviceCgroup(true, type, major, minor, access);
    }

    /**
     * A rule as v1's {@code devices.allow} and {@code devices.deny} read it:
     * {@code c 1:3 rwm}, {@code c 136:* rwm}, or {@code a} for all devices.
     */
    static String v1Line(Spec.DeviceCgroup rule) {
        String type = rule.type == null ? "a" : rule.type;
        if (type.equals("a")) {
            return "a";
        }
        return type + " " + number(rule.major) + ":" + number(rule.minor) + " "
                + (rule.access == null ? "rwm" : rule.access);
    }

    private static String number(Long n) {
        return n == null ? "*" : n.toString();
    }

    /** {@code rwm} as the v2 program's access bits: mknod 1, read 2, write 4; null is all three. */
    static int accessBits(String access) {
        if (access == null) {
            return 7;
        }
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'm' -> 1;
                case 'r' -> 2;
                case 'w' -> 4;
                default -> throw new IllegalArgumentException("device access '" + access
                        + "': only r, w and m (mknod) are allowed");
            };
        }
        return bits;
    }

    /**
     * v1: each rule in order, written alone to {@code devices.deny} or
     * {@code devices.allow}. A new cgroup inherits its parent's list; the
     * first rule, {@code a} to {@code devices.deny}, empties it and makes
     * "deny" the default, so that only what follows is allowed.
     */
    // tag::v1[]
    static void setV1(Path dir, List<Spec.DeviceCgroup> rules) {
        for (Spec.DeviceCgroup rule : rules) {
            // begin exercise 3.7: write the rule (v1Line) to devices.allow if it allows, to
            //   devices.deny if it denies: one write per rule, in order.
            String file = rule.allow ? "devices.allow" : "devices.deny";
            CgroupFiles.write(dir.resolve(file), v1Line(rule));
            // end exercise 3.7
        }
    }
    // end::v1[]

    /** v2: no files, a program ({@link DeviceProgram}) attached to the cgroup. */
    static void setV2(Path dir, List<Spec.DeviceCgroup> rules) {
        DeviceProgram.of(rules).attach(dir);
    }
}
