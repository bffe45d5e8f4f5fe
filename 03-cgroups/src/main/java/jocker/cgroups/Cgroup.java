package jocker.cgroups;

import java.nio.file.Path;
import java.util.List;
import jocker.runtime.Exercises;
import jocker.spec.Spec;

/**
 * One container's control group: the directories that hold its processes,
 * limit what they use, count what they used, and freeze them.
 *
 * <p>runc's {@code libcontainer/cgroups.Manager} is the model: one interface,
 * two implementations. {@link CgroupV1} spreads the container over one
 * directory per controller hierarchy ({@code
 * Documentation/admin-guide/cgroup-v1/cgroups.rst}); {@link CgroupV2} uses one
 * directory in the unified hierarchy ({@code
 * Documentation/admin-guide/cgroup-v2.rst}). {@link Cgroups} picks one.
 *
 * <p>Order of use: {@link #create()}, {@link #apply}, {@link #setDevices}, {@link #addProcess},
 * then {@link #stats()}, {@link #freeze()}, {@link #thaw()} as needed, and
 * {@link #destroy()} at the end. Failures throw {@link CgroupException}.
 */
public interface Cgroup {

    /** Makes the directories (and, on v2, enables the controllers above them). Idempotent. */
    void create();

    /** Writes the limits that are set; those that are null are left as they are. */
    void apply(Limits limits);

    /**
     * Which devices the tasks may open and make: the spec's
     * {@code linux.resources.devices}, in order ({@link DeviceRules}). Call it
     * before any process is inside. Null or empty leaves the parent's rules.
     */
    void setDevices(List<Spec.DeviceCgroup> rules);

    /**
     * Moves process {@code pid}, all its threads, into the cgroup by writing
     * it to {@code cgroup.procs}. Its children from now on are born inside;
     * those it already has stay where they are.
     */
    void addProcess(long pid);

    /** Stops every process in the cgroup; returns once the kernel reports them all frozen. */
    void freeze();

    /** Lets frozen processes run again. */
    void thaw();

    boolean isFrozen();

    Stats stats();

    /** How many processes the OOM killer has killed in this cgroup. */
    long oomKills();

    /**
     * {@link #oomKills()}, or 0 in a workspace where exercise 3.5 is not done
     * yet: {@code stats()} and the engine go on without the count, so that
     * the tests of 3.1 to 3.4 still run; 3.5's own tests see no OOM kill.
     */
    static long oomKillsSoFar(Cgroup cgroup) {
        try {
            return cgroup.oomKills();
        } catch (RuntimeException e) {
            if (!Exercises.unfinished(e)) {
                throw e;
            }
            return 0;
        }
    }

    /**
     * Kills every process left with SIGKILL, then removes the directories,
     * retrying while the dying processes still hold them (rmdir(2) answers
     * EBUSY until the last one has exited). Does nothing for directories
     * already gone.
     */
    void destroy();

    /** Every directory the cgroup uses: one on v2, one per distinct hierarchy on v1. */
    List<Path> paths();

    /** {@code "v1"} or {@code "v2"}. */
    String version();
}
