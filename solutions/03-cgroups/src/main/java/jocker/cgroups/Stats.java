package jocker.cgroups;

/**
 * What a cgroup's counters say, as {@code docker stats} shows them. Both
 * versions count the same things under different file names; see
 * {@link CgroupV1#stats()} and {@link CgroupV2#stats()} for which files.
 *
 * @param memoryUsage   bytes charged now: the processes' pages and the page cache they caused
 * @param memoryLimit   the memory limit in bytes, or {@link #UNLIMITED}
 * @param cpuUsageNanos CPU time used by every process that was ever in the cgroup, in nanoseconds
 * @param pids          processes and threads in it now
 * @param pidsLimit     the most it allows, or {@link #UNLIMITED}
 * @param oomKills      how many of its processes the OOM killer has killed
 */
public record Stats(long memoryUsage, long memoryLimit, long cpuUsageNanos, long pids, long pidsLimit,
        long oomKills) {

    /** A limit that is not set: v2 writes {@code max}, v1 a number near 2^63. */
    public static final long UNLIMITED = -1;
}
