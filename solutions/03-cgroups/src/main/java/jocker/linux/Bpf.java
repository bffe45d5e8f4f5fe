package jocker.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * bpf(2), the two commands chapter 3 needs to put a device program on a v2
 * cgroup: {@code BPF_PROG_LOAD} hands the kernel's verifier a program and
 * returns a descriptor for it; {@code BPF_PROG_ATTACH} attaches it to a
 * cgroup directory. glibc has no wrapper, so it goes through syscall(2),
 * with {@code union bpf_attr} laid out by hand from {@code <linux/bpf.h>}.
 */
public final class Bpf {

    /** {@code enum bpf_prog_type}: runs on every device access of a task in the cgroup. */
    public static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    /** {@code enum bpf_attach_type}. */
    public static final int BPF_CGROUP_DEVICE = 6;
    /** Programs of ancestors and descendants all run, and all must allow: how runc and systemd attach. */
    public static final int BPF_F_ALLOW_MULTI = 2;

    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_DETACH = 9;
    /** bpf's number in the system call table: x86-64 and arm64. */
    private static final long SYS_BPF = "aarch64".equals(Platform.ARCH) ? 280 : 321;
    /** Bytes of {@code union bpf_attr} passed: more than either command's part; the kernel wants the rest zero. */
    private static final int ATTR_SIZE = 128;
    /** Room for the verifier's log. */
    private static final int LOG_SIZE = 1 << 16;
    /** One {@code struct bpf_insn}: opcode, registers, offset, immediate. */
    public static final int INSN_SIZE = 8;

    private interface BpfLibC extends Library {
        BpfLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, BpfLibC.class);

        long syscall(long number, long cmd, Memory attr, long size) throws LastErrorException;
    }

    private Bpf() {
    }

    /**
     * {@code BPF_PROG_LOAD}: the verifier checks {@code insns} (every path
     * must end, read only what the program type allows, and return a value),
     * then the program is loaded and a descriptor for it returned. A refusal
     * carries the verifier's log, which names the instruction and the reason.
     */
    public static int progLoad(int type, byte[] insns, String license, int expectedAttachType) {
        Memory code = new Memory(insns.length);
        code.write(0, insns, 0, insns.length);
        byte[] licenseBytes = (license + "\0").getBytes(StandardCharsets.US_ASCII);
        Memory licenseText = new Memory(licenseBytes.length);
        licenseText.write(0, licenseBytes, 0, licenseBytes.length);
        Memory log = new Memory(LOG_SIZE);
        log.clear();
        Memory attr = zeroed();
        attr.setInt(0, type);                              // prog_type
        attr.setInt(4, insns.length / INSN_SIZE);          // insn_cnt
        attr.setLong(8, Pointer.nativeValue(code));        // insns
        attr.setLong(16, Pointer.nativeValue(licenseText)); // license
        attr.setInt(24, 1);                                // log_level: say why, if it refuses
        attr.setInt(28, LOG_SIZE);                         // log_size
        attr.setLong(32, Pointer.nativeValue(log));        // log_buf
        attr.setInt(68, expectedAttachType);               // expected_attach_type
        String call = "bpf(BPF_PROG_LOAD, {prog_type=" + type + ", insn_cnt=" + insns.length / INSN_SIZE + "})";
        try {
            return (int) BpfLibC.INSTANCE.syscall(SYS_BPF, BPF_PROG_LOAD, attr, ATTR_SIZE);
        } catch (LastErrorException e) {
            String verifier = log.getString(0).trim();
            throw new SyscallException(verifier.isEmpty() ? call : call + " [verifier: " + verifier + "]",
                    e.getErrorCode(), LibC.INSTANCE.strerror(e.getErrorCode()));
        }
    }

    /** {@code BPF_PROG_ATTACH}: runs program {@code progFd} for the cgroup open as {@code cgroupFd}. */
    public static void progAttach(int cgroupFd, int progFd, int attachType, int flags) {
        Memory attr = zeroed();
        attr.setInt(0, cgroupFd);    // target_fd
        attr.setInt(4, progFd);      // attach_bpf_fd
        attr.setInt(8, attachType);  // attach_type
        attr.setInt(12, flags);      // attach_flags
        Syscalls.call("bpf(BPF_PROG_ATTACH, {target_fd=" + cgroupFd + ", attach_bpf_fd=" + progFd + ", attach_type="
                + attachType + ", attach_flags=" + flags + "})",
                () -> (int) BpfLibC.INSTANCE.syscall(SYS_BPF, BPF_PROG_ATTACH, attr, ATTR_SIZE));
    }

    /** {@code BPF_PROG_DETACH}: takes program {@code progFd} off the cgroup again. */
    public static void progDetach(int cgroupFd, int progFd, int attachType) {
        Memory attr = zeroed();
        attr.setInt(0, cgroupFd);
        attr.setInt(4, progFd);
        attr.setInt(8, attachType);
        Syscalls.call("bpf(BPF_PROG_DETACH, {target_fd=" + cgroupFd + ", attach_bpf_fd=" + progFd + "})",
                () -> (int) BpfLibC.INSTANCE.syscall(SYS_BPF, BPF_PROG_DETACH, attr, ATTR_SIZE));
    }

    private static Memory zeroed() {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        return attr;
    }
}
