package jocker.cgroups;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Exercise;
import jocker.linux.Bpf;
import jocker.linux.Kernel;
import jocker.spec.Spec;

/**
 * The device rules as cgroup v2 enforces them: v2 has no {@code devices.allow}
 * file but runs an eBPF program of type {@code BPF_PROG_TYPE_CGROUP_DEVICE}
 * on every open and mknod of a device by a task in the cgroup. The program
 * gets a {@code struct bpf_cgroup_dev_ctx} ({@code <linux/bpf.h>}):
 *
 * <pre>
 * offset 0  access_type  low 16 bits: BPF_DEVCG_DEV_BLOCK 1, BPF_DEVCG_DEV_CHAR 2
 *                        high 16 bits: BPF_DEVCG_ACC_MKNOD 1, _READ 2, _WRITE 4
 * offset 4  major
 * offset 8  minor
 * </pre>
 *
 * and returns 1 to allow, 0 to refuse (the task sees EPERM). This class
 * writes the program instruction by instruction, as runc's
 * {@code libcontainer/cgroups/devices/devicefilter.go} does: the rules are
 * tried from the last to the first, because a later rule overrides an earlier
 * one, and the first that matches decides. Each rule is a block that jumps
 * to the next block as soon as one of its checks fails:
 *
 * <pre>
 *   r2 = ctx->access_type; r3 = r2 &amp; 0xffff (type); r4 = r2 &gt;&gt; 16 (access)
 *   r5 = ctx->major; r6 = ctx->minor
 * rule "c 1:3 rwm" (allow):
 *   if r3 != 2 goto next; if r5 != 1 goto next; if r6 != 3 goto next
 *   r0 = 1; exit
 * next: ...
 *   r0 = 0; exit          (nothing matched: refused)
 * </pre>
 */
public final class DeviceProgram {

    /** The program's license; one that calls no GPL-only helper may have any. */
    private static final String LICENSE = "Apache-2.0";

    // Opcodes, from <linux/bpf_common.h> and <linux/bpf.h>.
    private static final int LDX_MEM_W = 0x61;  // BPF_LDX | BPF_MEM | BPF_W: dst = *(u32 *)(src + off)
    private static final int MOV32_REG = 0xbc;  // BPF_ALU | BPF_MOV | BPF_X: dst = (u32) src
    private static final int AND32_IMM = 0x54;  // BPF_ALU | BPF_AND | BPF_K
    private static final int RSH32_IMM = 0x74;  // BPF_ALU | BPF_RSH | BPF_K
    private static final int MOV64_IMM = 0xb7;  // BPF_ALU64 | BPF_MOV | BPF_K
    private static final int JNE_IMM = 0x55;    // BPF_JMP | BPF_JNE | BPF_K: if dst != imm goto pc + 1 + off
    private static final int JEQ_IMM = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
    private static final int JSET_IMM = 0x45;   // BPF_JMP | BPF_JSET | BPF_K: if dst & imm goto ...
    private static final int EXIT = 0x95;       // BPF_JMP | BPF_EXIT: return r0

    private static final int R0 = 0;
    private static final int R1 = 1;  // the context, on entry
    private static final int TYPE = 3;
    private static final int ACCESS = 4;
    private static final int MAJOR = 5;
    private static final int MINOR = 6;
    private static final int SCRATCH = 7;

    private final byte[] instructions;

    private DeviceProgram(byte[] instructions) {
        this.instructions = instructions;
    }

    /** The program for {@code rules}, as in the spec's {@code linux.resources.devices}. */
    public static DeviceProgram of(List<Spec.DeviceCgroup> rules) {
        List<long[]> code = new ArrayList<>();
        code.add(insn(LDX_MEM_W, 2, R1, 0, 0));
        code.add(insn(MOV32_REG, TYPE, 2, 0, 0));
        code.add(insn(AND32_IMM, TYPE, 0, 0, 0xffff));
        code.add(insn(MOV32_REG, ACCESS, 2, 0, 0));
        code.add(insn(RSH32_IMM, ACCESS, 0, 0, 16));
        code.add(insn(LDX_MEM_W, MAJOR, R1, 4, 0));
        code.add(insn(LDX_MEM_W, MINOR, R1, 8, 0));
        boolean decided = false;
        for (int i = rules.size() - 1; i >= 0 && !decided; i--) {
            Spec.DeviceCgroup rule = rules.get(i);
            code.addAll(block(rule));
            // A rule for all devices and all access has no check: it always decides. What would
            // come after it could never run, and the verifier refuses unreachable instructions.
            decided = (rule.type == null || rule.type.equals("a")) && DeviceRules.accessBits(rule.access) == 7;
        }
        if (!decided) {
            code.add(insn(MOV64_IMM, R0, 0, 0, 0));
            code.add(insn(EXIT, 0, 0, 0, 0));
        }
        ByteBuffer bytes = ByteBuffer.allocate(code.size() * Bpf.INSN_SIZE).order(ByteOrder.nativeOrder());
        for (long[] insn : code) {
            bytes.put((byte) insn[0]);
            // dst_reg in the low four bits on a little-endian machine, in the high four on a big-endian one
            bytes.put((byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                    ? insn[2] << 4 | insn[1] : insn[1] << 4 | insn[2]));
            bytes.putShort((short) insn[3]);
            bytes.putInt((int) insn[4]);
        }
        return new DeviceProgram(bytes.array());
    }

    /**
     * One rule: its checks, each jumping past the block when it fails, then
     * {@code r0 = allow; exit}. An allow rule matches only if it grants all
     * the access asked for; a deny rule if it refuses any of it.
     */
    private static List<long[]> block(Spec.DeviceCgroup rule) {
        List<long[]> checks = new ArrayList<>();
        String type = rule.type == null ? "a" : rule.type;
        if (!type.equals("a")) {
            checks.add(insn(JNE_IMM, TYPE, 0, 0, type.equals("b") ? 1 : 2));
        }
        int access = DeviceRules.accessBits(rule.access);
        if (access != 7) {
            if (rule.allow) {
                checks.add(insn(JSET_IMM, ACCESS, 0, 0, ~access & 7));
            } else {
                checks.add(insn(MOV32_REG, SCRATCH, ACCESS, 0, 0));
                checks.add(insn(AND32_IMM, SCRATCH, 0, 0, access));
                checks.add(insn(JEQ_IMM, SCRATCH, 0, 0, 0));
            }
        }
        if (!type.equals("a") && rule.major != null) {
            checks.add(insn(JNE_IMM, MAJOR, 0, 0, rule.major));
        }
        if (!type.equals("a") && rule.minor != null) {
            checks.add(insn(JNE_IMM, MINOR, 0, 0, rule.minor));
        }
        List<long[]> block = new ArrayList<>();
        int length = checks.size() + 2;
        for (long[] check : checks) {
            if (check[0] != MOV32_REG && check[0] != AND32_IMM) {
                check[3] = length - block.size() - 1; // to the first instruction after the block
            }
            block.add(check);
        }
        // tag::decide[]
        // Exercise 3.7: the rule matched: end the block by returning 1 if it allows, 0 if it
        //   denies: r0 holds the return value (MOV64_IMM into R0), then EXIT.
        Exercise.todo("3.7", "the rule matched: end the block by returning 1 if it allows, 0 if it denies: r0 holds the return value (MOV64_IMM into R0), then EXIT.");
        // end::decide[]
        return block;
    }

    private static long[] insn(int opcode, int dst, int src, int off, long imm) {
        return new long[] {opcode, dst, src, off, imm};
    }

    /** The instructions, eight bytes each, as {@code BPF_PROG_LOAD} takes them. */
    public byte[] instructions() {
        return instructions.clone();
    }

    /**
     * Loads the program and attaches it to the v2 cgroup {@code dir}. The
     * cgroup then holds the program: the descriptors can be closed, and the
     * program is freed with the cgroup.
     */
    // tag::attach[]
    public void attach(Path dir) {
        int cgroup = Kernel.openReadOnly(dir.toString());
        try {
            int program = Bpf.progLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, instructions, LICENSE,
                    Bpf.BPF_CGROUP_DEVICE);
            try {
                Bpf.progAttach(cgroup, program, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI);
            } finally {
                Kernel.close(program);
            }
        } finally {
            Kernel.close(cgroup);
        }
    }
    // end::attach[]

    @Override
    public String toString() {
        return "cgroup device program of " + instructions.length / Bpf.INSN_SIZE + " instructions";
    }
}
