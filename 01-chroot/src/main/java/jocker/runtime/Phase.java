package jocker.runtime;

/**
 * When an {@link InitStep} runs, in the order runc's init does these things
 * ({@code libcontainer/standard_init_linux.go}, {@code rootfs_linux.go}).
 * Within a phase, steps run in chapter order.
 *
 * <p>The end of the list is confinement, and its order matters: the seccomp
 * filter ({@link #SECCOMP}) is loaded while the init still holds every
 * capability, because without no_new_privs loading a filter needs
 * CAP_SYS_ADMIN; the steps that drop capabilities come after it, and so must
 * every system call the init still makes (capset, prctl, close_range,
 * execve), which the default profile allows. runc does the same
 * ({@code standard_init_linux.go}: seccomp before {@code finalizeNamespace}
 * when no_new_privs is off).
 */
public enum Phase {
    /** Before anything changes: open what is needed from the host (chapter 3: cgroup.procs), load classes. */
    PREPARE,
    /**
     * Mount the spec's bind mounts (volumes) into the root filesystem, while the host's paths
     * can still be named (chapter 6).
     */
    MOUNTS,
    /** Enter the root filesystem: chroot (chapter 1) or pivot_root (chapter 2). */
    ROOT_SWITCH,
    /** After the switch, chapter 1's lesson: break out of a chroot, which pivot_root defeats. */
    AFTER_ROOT_SWITCH,
    /** The kernel's filesystems inside: /proc, /sys, /dev (chapter 2). */
    FILESYSTEMS,
    /** Hide and freeze what /proc and /sys show of the host (chapter 2). */
    MASKS,
    /** Hostname (chapter 2). */
    IDENTITY,
    /** Move into the container's cgroup (chapter 3). */
    CGROUP,
    /** Namespaces that must be made last: the cgroup namespace, rooted at the cgroup joined above (chapter 2). */
    LATE_NAMESPACES,
    /** Load the seccomp filter of {@code linux.seccomp}, before any capability is dropped
     * (chapter 2): without no_new_privs, loading a filter needs CAP_SYS_ADMIN, as in runc. The
     * filter must allow what CONFINE and EXEC still do (prctl, capset, setres*id, execve). */
    SECCOMP,
    /**
     * Give up what the steps above needed: no_new_privs, the capability
     * sets, the user's IDs (chapter 2). Nothing after this may need a
     * privilege; runc's {@code finalizeNamespace} does the same last.
     */
    CONFINE,
    /** Become the command: working directory, descriptors, execve (chapter 1). */
    EXEC
}
