package jocker.cgroups;

import java.nio.file.Path;

/**
 * A cgroup's CPU counters, for the tests of {@code --cpus}: the CPU time it
 * used, and the CFS bandwidth controller's counters from the cpu
 * controller's {@code cpu.stat} ({@code Documentation/scheduler/sched-bwc.rst},
 * "Statistics"): {@code nr_periods}, {@code nr_throttled}, and
 * {@code throttled_time} (v1, nanoseconds) or {@code throttled_usec} (v2).
 *
 * <p>{@link #now} reads them, {@link #since} turns two readings into what
 * happened in between. The periods count only while a quota is set, whatever
 * else the machine is doing. How much CPU a busy loop gets depends on that
 * other work, so a test uses it only as an upper bound, which a busy machine
 * cannot break, or against another cgroup measured at the same time.
 *
 * @param wallNanos      {@link #since}: how long the stretch took, at least as long as the one the counters cover;
 *                       {@link #now}: the clock just before the reads
 * @param usageNanos     CPU time used, from {@link Cgroup#stats()}
 * @param periods        periods in which the kernel enforced a quota
 * @param throttled      periods in which the quota ran out, and the cgroup waited for the next
 * @param throttledNanos how long it waited in all
 */
record CpuBandwidth(long wallNanos, long usageNanos, long periods, long throttled, long throttledNanos) {

    /** The counters now. */
    static CpuBandwidth now(Cgroup cgroup) {
        long clock = System.nanoTime();
        long usage = cgroup.stats().cpuUsageNanos();
        if (cgroup instanceof CgroupV1 v1) {
            Path stat = v1.dir("cpu").resolve("cpu.stat");
            return new CpuBandwidth(clock, usage, CgroupFiles.keyed(stat, "nr_periods"),
                    CgroupFiles.keyed(stat, "nr_throttled"), CgroupFiles.keyed(stat, "throttled_time"));
        }
        Path stat = cgroup.paths().get(0).resolve("cpu.stat");
        return new CpuBandwidth(clock, usage, CgroupFiles.keyed(stat, "nr_periods"),
                CgroupFiles.keyed(stat, "nr_throttled"), CgroupFiles.keyed(stat, "throttled_usec") * 1000);
    }

    /**
     * What the counters grew by since {@code before}. The clock runs from
     * before {@code before}'s reads to after this one's, so {@link #cpus()}
     * is never too high.
     */
    CpuBandwidth since(CpuBandwidth before) {
        return new CpuBandwidth(System.nanoTime() - before.wallNanos, usageNanos - before.usageNanos,
                periods - before.periods, throttled - before.throttled, throttledNanos - before.throttledNanos);
    }

    /** After {@link #since}: CPUs' worth of time used, 1.0 being one CPU busy all the time. */
    double cpus() {
        return (double) usageNanos / wallNanos;
    }

    /** The quota and period in force, as v2's {@code cpu.max} writes them: {@code "50000 100000"}, {@code "max 100000"}. */
    static String quota(Cgroup cgroup) {
        if (cgroup instanceof CgroupV1 v1) {
            Path dir = v1.dir("cpu");
            long quota = CgroupFiles.readLong(dir.resolve("cpu.cfs_quota_us"));
            return (quota < 0 ? "max" : Long.toString(quota)) + " "
                    + CgroupFiles.readLong(dir.resolve("cpu.cfs_period_us"));
        }
        return CgroupFiles.read(cgroup.paths().get(0).resolve("cpu.max"));
    }
}
