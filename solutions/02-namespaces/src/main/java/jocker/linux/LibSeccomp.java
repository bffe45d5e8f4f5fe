package jocker.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * libseccomp ({@code libseccomp.so.2}), the library runc and crun use to
 * turn a list of rules into the BPF program that {@code seccomp(2)} loads
 * (seccomp_init(3), seccomp_rule_add(3), seccomp_load(3)). Its functions
 * return 0 or a negative errno; {@link #check} turns the latter into a
 * {@link SyscallException}.
 *
 * <p>Loaded in the init before the root switch: the library is a file of
 * the host, which the container's root does not have.
 */
public interface LibSeccomp extends Library {

    /**
     * Loaded on first use of {@link #INSTANCE}: name it before the root switch.
     * By its soname: a short name ({@code "seccomp"}) makes JNA search the
     * library path and then run {@code /sbin/ldconfig -p}, a child process
     * in every JVM that loads it.
     */
    LibSeccomp INSTANCE = Native.load("libseccomp.so.2", LibSeccomp.class);

    // Actions (seccomp.h): what the filter answers to a call.
    int SCMP_ACT_KILL_PROCESS = 0x80000000;
    int SCMP_ACT_KILL_THREAD = 0x00000000;
    int SCMP_ACT_TRAP = 0x00030000;
    /** Or'ed with the errno the call returns, in the low 16 bits. */
    int SCMP_ACT_ERRNO = 0x00050000;
    int SCMP_ACT_TRACE = 0x7ff00000;
    int SCMP_ACT_LOG = 0x7ffc0000;
    int SCMP_ACT_ALLOW = 0x7fff0000;

    /** Filter attribute: whether seccomp_load also sets no_new_privs (it does unless told not to). */
    int SCMP_FLTATR_CTL_NNP = 3;

    /** Size of {@code struct scmp_arg_cmp}: {@code unsigned arg; enum op; uint64 datum_a, datum_b}. */
    int ARG_CMP_SIZE = 24;

    /** A new filter whose answer to every call no rule names is {@code defaultAction}; null on failure. */
    Pointer seccomp_init(int defaultAction);

    int seccomp_attr_set(Pointer ctx, int attribute, int value);

    /** The token of an architecture named as libseccomp names them ({@code "x86_64"}, {@code "x32"}); 0 if unknown. */
    int seccomp_arch_resolve_name(String name);

    /** Adds an architecture to the filter; -EEXIST if it is there already (the native one is). */
    int seccomp_arch_add(Pointer ctx, int archToken);

    /** The number of the named system call on this machine, or a negative number if it has none. */
    int seccomp_syscall_resolve_name(String name);

    /** One rule: {@code action} for {@code syscall} when all {@code count} comparisons in {@code args} hold. */
    int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int count, Pointer args);

    /** Compiles the filter to BPF and loads it into the kernel for the calling thread. */
    int seccomp_load(Pointer ctx);

    void seccomp_release(Pointer ctx);

    /** {@code result}, or a {@link SyscallException} naming {@code call} if it is a negative errno. */
    static int check(String call, int result) {
        if (result < 0) {
            throw new SyscallException(call, -result, LibC.INSTANCE.strerror(-result));
        }
        return result;
    }
}
