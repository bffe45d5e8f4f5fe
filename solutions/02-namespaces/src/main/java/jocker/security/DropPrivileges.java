package jocker.security;

import java.util.List;
import jocker.linux.Privileges;
import jocker.spec.Spec;

/**
 * The init's last act before execve: it gives up what it needed to set the
 * container up. In runc's order ({@code finalizeNamespace} in
 * {@code libcontainer/init_linux.go}):
 *
 * <ol>
 * <li>no_new_privs, if the spec asks;</li>
 * <li>the bounding set: drop every capability the spec does not keep
 *     (this needs CAP_SETPCAP, so it comes while the init still has it);</li>
 * <li>the user: supplementary groups, GID, UID (this needs CAP_SETGID and
 *     CAP_SETUID, which the spec may not keep);</li>
 * <li>the effective, permitted and inheritable sets, with capset(2).</li>
 * </ol>
 *
 * <p>Each call changes the calling thread only; the init makes them on the
 * thread that then calls execve(2), and what that thread has is what the
 * command starts with.
 */
public final class DropPrivileges {

    private DropPrivileges() {
    }

    /** Does what {@code process} asks: {@code noNewPrivileges}, {@code capabilities}, {@code user}. */
    public static void apply(Spec.Process process) {
        if (Boolean.TRUE.equals(process.noNewPrivileges)) {
            Privileges.noNewPrivs();
        }
        Spec.Capabilities caps = process.capabilities;
        int lastCap = caps == null ? 0 : Privileges.lastCap();
        // What the init has: root's sets are its bounding set. A capability the host took from
        // jocker itself cannot be given back, so the sets below are cut to it.
        long available = caps == null ? 0 : Privileges.boundingSet(lastCap);
        if (caps != null) {
            dropBounding(caps, lastCap);
        }
        // Going from UID 0 to another empties the permitted and effective sets
        // (capabilities(7), "Effect of user ID changes on capabilities"),
        // unless KEEPCAPS is set: needed only if the spec keeps some.
        boolean keep = caps != null && process.user.uid != 0 && Capabilities.mask(caps.permitted, lastCap) != 0;
        if (keep) {
            Privileges.keepCaps(true);
        }
        setUser(process.user);
        if (keep) {
            Privileges.keepCaps(false);
        }
        if (caps != null) {
            setSets(caps, available);
            Privileges.clearAmbient();
            for (String name : caps.ambient == null ? List.<String>of() : caps.ambient) {
                int cap = Capabilities.number(name);
                if (cap >= 0 && (available & (1L << cap)) != 0) {
                    Privileges.raiseAmbient(cap);
                }
            }
        }
    }

    // tag::bounding[]
    /**
     * Drops from the bounding set each capability the spec's
     * {@code bounding} does not list. The bounding set limits what any
     * later execve can grant, even a set-user-ID-root program: what is
     * dropped here is gone for good, for this process and its children.
     */
    static void dropBounding(Spec.Capabilities caps, int lastCap) {
        // begin exercise 2.8: for each capability 0..lastCap that the mask of caps.bounding does not
        //   have (Capabilities.mask), Privileges.dropBounding(cap): prctl(PR_CAPBSET_DROP).
        long keep = Capabilities.mask(caps.bounding, lastCap);
        for (int cap = 0; cap <= lastCap; cap++) {
            if ((keep & (1L << cap)) == 0) {
                Privileges.dropBounding(cap);
            }
        }
        // end exercise 2.8
    }
    // end::bounding[]

    // tag::capset[]
    /**
     * Sets the effective, permitted and inheritable sets to the spec's, in
     * one capset(2), each cut to the capabilities the init has
     * ({@code available}). A process can only take capabilities away from
     * its permitted set, never add one it has not got.
     */
    static void setSets(Spec.Capabilities caps, long available) {
        // begin exercise 2.8: one Privileges.capset with the masks of caps.effective, caps.permitted
        //   and caps.inheritable (Capabilities.mask; a list left out, null, is an empty set),
        //   each ANDed with available.
        Privileges.capset(Capabilities.mask(caps.effective, 63) & available,
                Capabilities.mask(caps.permitted, 63) & available,
                Capabilities.mask(caps.inheritable, 63) & available);
        // end exercise 2.8
    }
    // end::capset[]

    // tag::user[]
    /**
     * Becomes the spec's user: supplementary groups first, then the group,
     * then the user, since after setresuid(2) to another user the process
     * could no longer change its groups. Root stays as it is.
     */
    static void setUser(Spec.User user) {
        if (user.uid == 0 && user.gid == 0 && user.additionalGids == null) {
            return;
        }
        List<Integer> groups = user.additionalGids == null ? List.of() : user.additionalGids;
        Privileges.setgroups(groups.stream().mapToInt(Integer::intValue).toArray());
        Privileges.setresgid(user.gid);
        Privileges.setresuid(user.uid);
    }
    // end::user[]
}
