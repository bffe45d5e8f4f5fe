package jocker.linux;

import com.sun.jna.LastErrorException;
import java.util.Arrays;

/**
 * The calls with which the init gives up privileges, each checked with
 * {@link Syscalls#call}. All of them act on the calling thread: the init
 * makes them on the thread that then calls execve(2), and the new program
 * keeps what that thread had.
 */
public final class Privileges {

    /** prctl(2) options, from {@code <linux/prctl.h>}. */
    public static final int PR_CAPBSET_READ = 23;
    public static final int PR_CAPBSET_DROP = 24;
    public static final int PR_SET_KEEPCAPS = 8;
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    public static final int PR_CAP_AMBIENT = 47;
    public static final int PR_CAP_AMBIENT_RAISE = 2;
    public static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    /** capset(2)'s header version for 64-bit sets: two 32-bit words each. */
    public static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private Privileges() {
    }

    /** Loads the binding now: after the root switch the container may have no C library for JNA to find. */
    public static void load() {
        CapLibC.INSTANCE.hashCode();
    }

    /**
     * The highest capability number this kernel knows: what
     * {@code /proc/sys/kernel/cap_last_cap} says, found without /proc by
     * asking PR_CAPBSET_READ until the kernel answers EINVAL.
     */
    public static int lastCap() {
        int cap = 0;
        while (cap < 64) {
            try {
                CapLibC.INSTANCE.prctl(PR_CAPBSET_READ, cap + 1, 0, 0, 0);
            } catch (LastErrorException e) {
                break;
            }
            cap++;
        }
        return cap;
    }

    /** The bounding set as a mask, bit N for capability N, read with PR_CAPBSET_READ up to {@code lastCap}. */
    public static long boundingSet(int lastCap) {
        long mask = 0;
        for (int cap = 0; cap <= lastCap; cap++) {
            int c = cap;
            if (Syscalls.call("prctl(PR_CAPBSET_READ, " + cap + ")",
                    () -> CapLibC.INSTANCE.prctl(PR_CAPBSET_READ, c, 0, 0, 0)) == 1) {
                mask |= 1L << cap;
            }
        }
        return mask;
    }

    /** prctl(PR_CAPBSET_DROP): the capability can never come back, not even by executing a set-user-ID program. */
    public static void dropBounding(int cap) {
        Syscalls.call("prctl(PR_CAPBSET_DROP, " + cap + ")",
                () -> CapLibC.INSTANCE.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0));
    }

    /**
     * Reads the bounding set and lays out capset(2)'s structures, changing
     * nothing: what the first capability calls of a cold JVM cost besides
     * the calls (JNA binds the library's interface, and computes a
     * structure's layout by reflection on its first instance), paid by a
     * zygote before its container waits: the confinement step took 3 ms
     * after it instead of 8.
     */
    public static void warmUp() {
        boundingSet(lastCap());
        new CapLibC.CapHeader().write();
        new CapLibC.CapData().toArray(2);
    }

    /** capset(2) of the three sets, each a 64-bit mask (bit N is capability N). */
    public static void capset(long effective, long permitted, long inheritable) {
        CapLibC.CapHeader header = new CapLibC.CapHeader();
        header.version = LINUX_CAPABILITY_VERSION_3;
        header.pid = 0; // the calling thread
        CapLibC.CapData[] data = (CapLibC.CapData[]) new CapLibC.CapData().toArray(2);
        for (int i = 0; i < 2; i++) {
            data[i].effective = (int) (effective >>> (32 * i));
            data[i].permitted = (int) (permitted >>> (32 * i));
            data[i].inheritable = (int) (inheritable >>> (32 * i));
        }
        Syscalls.call(String.format("capset({_LINUX_CAPABILITY_VERSION_3, 0}, {effective=%#x, permitted=%#x,"
                + " inheritable=%#x})", effective, permitted, inheritable),
                () -> CapLibC.INSTANCE.capset(header, data));
    }

    /** prctl(PR_SET_KEEPCAPS): whether the permitted set survives a change from UID 0 to another. */
    public static void keepCaps(boolean keep) {
        Syscalls.call("prctl(PR_SET_KEEPCAPS, " + (keep ? 1 : 0) + ")",
                () -> CapLibC.INSTANCE.prctl(PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0));
    }

    /** prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL). */
    public static void clearAmbient() {
        Syscalls.call("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)",
                () -> CapLibC.INSTANCE.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
    }

    /** prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap): kept across execve even by a program without file capabilities. */
    public static void raiseAmbient(int cap) {
        Syscalls.call("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, " + cap + ")",
                () -> CapLibC.INSTANCE.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0));
    }

    /** prctl(PR_SET_NO_NEW_PRIVS, 1): execve(2) can no longer add privileges (set-user-ID, file capabilities). */
    public static void noNewPrivs() {
        Syscalls.call("prctl(PR_SET_NO_NEW_PRIVS, 1)",
                () -> CapLibC.INSTANCE.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    }

    public static void setgroups(int[] gids) {
        Syscalls.call("setgroups(" + gids.length + ", " + Arrays.toString(gids) + ")",
                () -> CapLibC.INSTANCE.setgroups(gids.length, gids.length == 0 ? null : gids));
    }

    public static void setresgid(int gid) {
        Syscalls.call("setresgid(" + gid + ", " + gid + ", " + gid + ")",
                () -> CapLibC.INSTANCE.setresgid(gid, gid, gid));
    }

    public static void setresuid(int uid) {
        Syscalls.call("setresuid(" + uid + ", " + uid + ", " + uid + ")",
                () -> CapLibC.INSTANCE.setresuid(uid, uid, uid));
    }
}
