package jocker.seccomp;

import com.sun.jna.Memory;
import java.util.List;
import jocker.linux.LibSeccomp;
import jocker.runtime.Exercises;
import jocker.runtime.InitContext;
import jocker.runtime.Phase;
import jocker.runtime.PhasedStep;
import jocker.spec.Spec;

/**
 * The init's seccomp steps, for a container and for {@code jocker exec}'s
 * process alike: load libseccomp while the host's files are in reach, and
 * load the filter late, just before the capabilities are dropped
 * ({@link Phase#SECCOMP}).
 */
public final class SeccompSteps {

    /** See {@code Init.USED_AFTER_ROOT_SWITCH}. */
    static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(
            SeccompFilter.class, Memory.class, Spec.Seccomp.class, Spec.Syscall.class, Spec.SeccompArg.class);

    private SeccompSteps() {
    }

    /** Before the root switch: libseccomp.so.2 is a file of the host. */
    public static final class LoadLibrary extends PhasedStep {
        public LoadLibrary() {
            super(Phase.PREPARE, 2, true);
        }

        @Override
        public void run(InitContext context) {
            if (seccomp(context) != null) {
                USED_AFTER_ROOT_SWITCH.size();
                LibSeccomp.INSTANCE.seccomp_syscall_resolve_name("read"); // loads the library now
            }
        }
    }

    /**
     * {@code linux.seccomp}: from here on, every system call of this thread,
     * and of the command it becomes, passes the filter. Without
     * no_new_privs the kernel lets only a thread with CAP_SYS_ADMIN load
     * one, so this runs before capabilities are dropped; the calls the init
     * makes after it (capset, close_range, execve…) must be ones the
     * profile allows.
     */
    public static final class LoadFilter extends PhasedStep {
        public LoadFilter() {
            super(Phase.SECCOMP, 2, true);
        }

        @Override
        public void run(InitContext context) {
            Spec.Seccomp seccomp = seccomp(context);
            if (seccomp == null) {
                return;
            }
            try {
                SeccompFilter.load(seccomp);
            } catch (RuntimeException e) {
                if (!Exercises.unfinished(e)) {
                    throw e;
                }
                // In the workspace, before exercise 2.9 is done: no filter is loaded (it fails before
                // seccomp_load), so the tests of 2.1 to 2.8 still run their containers; 2.9's tests
                // then see "Seccomp: 0".
            }
        }
    }

    static Spec.Seccomp seccomp(InitContext context) {
        return context.spec().linux == null ? null : context.spec().linux.seccomp;
    }
}
