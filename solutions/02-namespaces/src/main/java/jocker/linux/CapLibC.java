package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * The C library calls that take privileges away: prctl(2), capset(2) and
 * the calls that change a process's user and groups. Call them through
 * {@link Privileges}.
 */
public interface CapLibC extends Library {

    CapLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CapLibC.class);

    /** prctl(2): the process attributes that have no call of their own. */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** capset(2): the calling thread's effective, permitted and inheritable sets. */
    int capset(CapHeader header, CapData[] data) throws LastErrorException;

    /** setgroups(2): the supplementary groups. */
    int setgroups(long size, int[] list) throws LastErrorException;

    /** setresgid(2): real, effective and saved group ID. */
    int setresgid(int rgid, int egid, int sgid) throws LastErrorException;

    /** setresuid(2): real, effective and saved user ID. */
    int setresuid(int ruid, int euid, int suid) throws LastErrorException;

    /** {@code struct __user_cap_header_struct} of {@code <linux/capability.h>}. */
    @Structure.FieldOrder({"version", "pid"})
    final class CapHeader extends Structure {
        public int version;
        public int pid;
    }

    /**
     * {@code struct __user_cap_data_struct}: one 32-bit word of each set.
     * Version 3 takes an array of two: capabilities 0-31, then 32-63.
     */
    @Structure.FieldOrder({"effective", "permitted", "inheritable"})
    final class CapData extends Structure {
        public int effective;
        public int permitted;
        public int inheritable;
    }
}
