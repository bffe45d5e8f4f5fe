package jocker.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jocker.course.Exercise;
import jocker.linux.Errno;
import jocker.linux.LibSeccomp;
import jocker.spec.Spec;

/**
 * Loads the spec's {@code linux.seccomp} into the kernel with libseccomp,
 * as runc does ({@code libcontainer/seccomp/seccomp_linux.go}).
 *
 * <p>The kernel takes a filter as a classic BPF program
 * ({@code seccomp(2)}, {@code SECCOMP_SET_MODE_FILTER}) that it runs on every
 * system call: it reads the architecture and the call's number and
 * arguments, and returns an action ({@code SECCOMP_RET_ALLOW},
 * {@code SECCOMP_RET_ERRNO | EPERM} …). libseccomp writes that program from
 * rules: it checks the architecture first (a 32-bit call has other numbers),
 * then jumps on the call's number to the rules for it.
 *
 * <p>A filter belongs to the thread that loads it (unless
 * {@code SECCOMP_FILTER_FLAG_TSYNC}), and is inherited by its children and
 * kept across execve. The init's other JVM threads stay unfiltered, which
 * does not matter: the main thread loads the filter and is the one that
 * calls execve, and execve ends every other thread.
 */
public final class SeccompFilter {

    // The comparisons of an argument rule (enum scmp_compare in seccomp.h).
    static final Map<String, Integer> OPERATORS = Map.of(
            "SCMP_CMP_NE", 1, "SCMP_CMP_LT", 2, "SCMP_CMP_LE", 3, "SCMP_CMP_EQ", 4,
            "SCMP_CMP_GE", 5, "SCMP_CMP_GT", 6, "SCMP_CMP_MASKED_EQ", 7);

    private SeccompFilter() {
    }

    /** A filter compiled by {@link #prepare}, not loaded yet, and the section it was compiled from. */
    private static Pointer prepared;
    private static Spec.Seccomp preparedFrom;

    /** Loads {@code seccomp} for the calling thread; every call after this one passes the filter. */
    public static void load(Spec.Seccomp seccomp) {
        LibSeccomp lib = LibSeccomp.INSTANCE;
        Pointer ctx = takePrepared(seccomp);
        if (ctx == null) {
            ctx = compile(seccomp);
        }
        try {
            LibSeccomp.check("seccomp_load", lib.seccomp_load(ctx));
        } finally {
            lib.seccomp_release(ctx);
        }
    }

    /**
     * Compiles {@code seccomp}'s filter and keeps it, loading nothing: a
     * zygote ({@code jocker.namespaces.ZygoteInit}) does it with Docker's
     * default profile while it waits. If its container's section is the same,
     * field for field ({@link #same}), {@link #load} only loads it, instead of
     * adding 300-odd rules through JNA, a call each, while the container
     * waits; any other section is compiled as without it.
     */
    public static void prepare(Spec.Seccomp seccomp) {
        Pointer ctx = compile(seccomp);
        if (prepared != null) {
            LibSeccomp.INSTANCE.seccomp_release(prepared);
        }
        prepared = ctx;
        preparedFrom = seccomp;
    }

    /** The prepared filter if it was compiled from the same section as {@code seccomp}, else null. */
    private static Pointer takePrepared(Spec.Seccomp seccomp) {
        Pointer ctx = prepared;
        Spec.Seccomp from = preparedFrom;
        prepared = null;
        preparedFrom = null;
        if (ctx != null && !same(from, seccomp)) {
            LibSeccomp.INSTANCE.seccomp_release(ctx);
            return null;
        }
        return ctx;
    }

    /**
     * Whether two sections make the same filter: every field {@link #compile}
     * reads is equal, the rules in the same order (libseccomp keeps the
     * first of two rules for one call and arguments).
     */
    static boolean same(Spec.Seccomp a, Spec.Seccomp b) {
        if (a == null || b == null || a.syscalls == null || b.syscalls == null
                || !Objects.equals(a.defaultAction, b.defaultAction)
                || !Objects.equals(a.defaultErrnoRet, b.defaultErrnoRet)
                || !Objects.equals(a.architectures, b.architectures)
                || a.syscalls.size() != b.syscalls.size()) {
            return false;
        }
        for (int i = 0; i < a.syscalls.size(); i++) {
            Spec.Syscall x = a.syscalls.get(i);
            Spec.Syscall y = b.syscalls.get(i);
            if (x == null || y == null || !Objects.equals(x.names, y.names) || !Objects.equals(x.action, y.action)
                    || !Objects.equals(x.errnoRet, y.errnoRet) || x.args == null || y.args == null
                    || x.args.size() != y.args.size()) {
                return false;
            }
            for (int j = 0; j < x.args.size(); j++) {
                Spec.SeccompArg p = x.args.get(j);
                Spec.SeccompArg q = y.args.get(j);
                if (p == null || q == null || p.index != q.index || p.value != q.value
                        || p.valueTwo != q.valueTwo || !Objects.equals(p.op, q.op)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A libseccomp context with the spec's filter in it; the caller releases it. */
    private static Pointer compile(Spec.Seccomp seccomp) {
        LibSeccomp lib = LibSeccomp.INSTANCE;
        int defaultAction = action(seccomp.defaultAction, seccomp.defaultErrnoRet);
        Pointer ctx = lib.seccomp_init(defaultAction);
        if (ctx == null) {
            throw new IllegalArgumentException("seccomp_init(" + seccomp.defaultAction + ") failed");
        }
        try {
            // libseccomp would set no_new_privs too; that is --security-opt no-new-privileges's choice, not ours.
            LibSeccomp.check("seccomp_attr_set(SCMP_FLTATR_CTL_NNP, 0)",
                    lib.seccomp_attr_set(ctx, LibSeccomp.SCMP_FLTATR_CTL_NNP, 0));
            for (String arch : seccomp.architectures) {
                int token = lib.seccomp_arch_resolve_name(archName(arch));
                if (token == 0) {
                    throw new IllegalArgumentException("linux.seccomp: unknown architecture " + arch);
                }
                int added = lib.seccomp_arch_add(ctx, token);
                if (added != -Errno.EEXIST.number()) { // the native one is there already
                    LibSeccomp.check("seccomp_arch_add(" + arch + ")", added);
                }
            }
            for (Spec.Syscall rule : seccomp.syscalls) {
                addRule(ctx, rule, defaultAction);
            }
            return ctx;
        } catch (RuntimeException e) {
            lib.seccomp_release(ctx);
            throw e;
        }
    }

    // tag::rule[]
    /**
     * Adds one rule of the spec: for each of its names, the action when all
     * of its argument comparisons hold. A name this machine has no call for
     * is skipped (profiles list calls of every architecture and kernel); a
     * rule that repeats the default action changes nothing and is skipped
     * too (libseccomp refuses it).
     */
    static void addRule(Pointer ctx, Spec.Syscall rule, int defaultAction) {
        // Exercise 2.9: the action in libseccomp's terms (action), then for each
        //   name its number (seccomp_syscall_resolve_name; negative: skip the name).
        //   The comparisons go to libseccomp as an array of struct scmp_arg_cmp
        //   (argCmps). If two comparisons name the same argument, libseccomp refuses
        //   them in one rule: add one rule per comparison then, as runc does.
        Exercise.todo("2.9", "the action in libseccomp's terms (action), then for each name its number (seccomp_syscall_resolve_name; negative: skip the name). The comparisons go to libseccomp as an array of struct scmp_arg_cmp (argCmps). If two comparisons name the same argument, libseccomp refuses them in one rule: add one rule per comparison then, as runc does.");
    }
    // end::rule[]

    // tag::argcmp[]
    /**
     * {@code struct scmp_arg_cmp[]}, each {@code unsigned arg;
     * enum scmp_compare op; uint64 datum_a, datum_b;}.
     */
    static Pointer argCmps(List<Spec.SeccompArg> args) {
        if (args.isEmpty()) {
            return null;
        }
        Memory array = new Memory((long) LibSeccomp.ARG_CMP_SIZE * args.size());
        for (int i = 0; i < args.size(); i++) {
            Spec.SeccompArg arg = args.get(i);
            long at = (long) LibSeccomp.ARG_CMP_SIZE * i;
            array.setInt(at, arg.index);
            array.setInt(at + 4, operator(arg.op));
            array.setLong(at + 8, arg.value);
            array.setLong(at + 16, arg.valueTwo);
        }
        return array;
    }
    // end::argcmp[]

    static int operator(String op) {
        Integer value = OPERATORS.get(op);
        if (value == null) {
            throw new IllegalArgumentException("linux.seccomp: unknown comparison " + op);
        }
        return value;
    }

    /** An action of the spec ({@code SCMP_ACT_ERRNO} with its errno, EPERM if none) as libseccomp's number. */
    static int action(String name, Integer errnoRet) {
        int errno = (errnoRet != null ? errnoRet : Errno.EPERM.number()) & 0xffff;
        return switch (name) {
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> LibSeccomp.SCMP_ACT_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> LibSeccomp.SCMP_ACT_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> LibSeccomp.SCMP_ACT_TRAP;
            case "SCMP_ACT_ERRNO" -> LibSeccomp.SCMP_ACT_ERRNO | errno;
            case "SCMP_ACT_TRACE" -> LibSeccomp.SCMP_ACT_TRACE | errno;
            case "SCMP_ACT_LOG" -> LibSeccomp.SCMP_ACT_LOG;
            case "SCMP_ACT_ALLOW" -> LibSeccomp.SCMP_ACT_ALLOW;
            default -> throw new IllegalArgumentException("linux.seccomp: unknown action " + name);
        };
    }

    /** libseccomp's name of an architecture: {@code SCMP_ARCH_X86_64} is {@code x86_64}. */
    static String archName(String specName) {
        return specName.replaceFirst("^SCMP_ARCH_", "").toLowerCase(Locale.ROOT);
    }
}
