package jocker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The capabilities of capabilities(7) by name and number, and Docker's rules
 * for {@code --cap-add}, {@code --cap-drop} and {@code --privileged}
 * (moby's {@code oci/caps}).
 *
 * <p>A capability is a bit: bit N of a set is capability N, and
 * {@code /proc/PID/status} prints each set as 16 hex digits.
 */
public final class Capabilities {

    /** Every capability, index N is capability N ({@code <linux/capability.h>}, Linux 5.9 and later). */
    public static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    // tag::docker-default[]
    /**
     * What Docker leaves a container's root (moby, {@code oci/caps/defaults.go}):
     * mask {@code 00000000a80425fb}. Not there, among others: CAP_SYS_ADMIN
     * (mount, and most of what namespaces guard), CAP_SYS_MODULE, CAP_SYS_TIME,
     * CAP_SYS_BOOT, CAP_SYS_RAWIO, CAP_NET_ADMIN, CAP_SYS_PTRACE, CAP_BPF.
     */
    public static final List<String> DOCKER_DEFAULT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    // end::docker-default[]

    /** The word for "every capability" in {@code --cap-add} and {@code --cap-drop}. */
    public static final String ALL = "ALL";

    private Capabilities() {
    }

    /** The capability's number, or -1 for a name this table does not have. */
    public static int number(String name) {
        return NAMES.indexOf(name);
    }

    /**
     * {@code net_admin}, {@code NET_ADMIN} and {@code CAP_NET_ADMIN} all mean
     * {@code CAP_NET_ADMIN}, as for Docker; {@code all} is {@link #ALL}.
     * Throws for a name that is no capability.
     */
    public static String normalize(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals(ALL)) {
            return ALL;
        }
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (number(full) < 0) {
            throw new IllegalArgumentException("unknown capability: \"" + name + "\"");
        }
        return full;
    }

    /** The names, normalized; throws for one that is no capability. */
    public static List<String> normalize(Collection<String> names) {
        return names.stream().map(Capabilities::normalize).distinct().toList();
    }

    /** Bit N set for capability N of {@code names}; names above {@code lastCap} (an older kernel) are left out. */
    public static long mask(List<String> names, int lastCap) {
        long mask = 0;
        if (names != null) {
            for (String name : names) {
                int n = number(name);
                if (n >= 0 && n <= lastCap) {
                    mask |= 1L << n;
                }
            }
        }
        return mask;
    }

    /** Every capability this kernel has, up to {@code lastCap}: {@code --privileged}'s set. */
    public static List<String> all(int lastCap) {
        return NAMES.subList(0, Math.min(lastCap, NAMES.size() - 1) + 1);
    }

    /** {@code /proc/sys/kernel/cap_last_cap} of the host, or the last this table knows if it cannot be read. */
    public static int hostLastCap() {
        try {
            // readAllLines, not readString: on this sysctl file (size 0) JDK 17's readString returns "4" of "40".
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return NAMES.size() - 1;
        }
    }

    // tag::tweak[]
    /**
     * Docker's rules ({@code TweakCapabilities}): {@code --privileged} is
     * every capability; {@code --cap-add ALL} is every capability but the
     * dropped ones; {@code --cap-drop ALL} keeps only the added ones;
     * otherwise the default set, less the dropped, plus the added. In
     * capability order.
     */
    public static List<String> resolve(List<String> add, List<String> drop, boolean privileged, int lastCap) {
        List<String> adds = normalize(add);
        List<String> drops = normalize(drop);
        List<String> all = all(lastCap);
        List<String> kept = new ArrayList<>();
        if (privileged) {
            kept.addAll(all);
        } else if (adds.contains(ALL)) {
            all.stream().filter(c -> !drops.contains(c)).forEach(kept::add);
        } else if (drops.contains(ALL)) {
            kept.addAll(adds);
        } else {
            DOCKER_DEFAULT.stream().filter(c -> !drops.contains(c)).forEach(kept::add);
            kept.addAll(adds);
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        kept.forEach(c -> numbers.add(number(c)));
        return numbers.stream().map(NAMES::get).toList();
    }
    // end::tweak[]
}
