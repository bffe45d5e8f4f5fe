package jocker.cgroups;

import java.nio.file.Path;
import jocker.course.Exercise;

/**
 * The cpu controller: the CFS scheduler's bandwidth limit (a quota of CPU
 * time per period, {@code Documentation/scheduler/sched-bwc.rst}) and the
 * weight that shares the CPUs out when they are contended.
 */
final class Cpu {

    private Cpu() {
    }

    /**
     * v1: {@code cpu.cfs_period_us} then {@code cpu.cfs_quota_us} (the quota
     * is checked against the period in force), and {@code cpu.shares}.
     */
    static void setV1(Path dir, Limits limits) {
        if (limits.cpus() != null) {
            // tag::cpu-v1[]
            // Exercise 3.3: --cpus N is a quota of N periods of CPU time per
            //   period: write the period (Limits.CPU_PERIOD_US) to cpu.cfs_period_us,
            //   then the quota to cpu.cfs_quota_us.
            Exercise.todo("3.3", "--cpus N is a quota of N periods of CPU time per period: write the period (Limits.CPU_PERIOD_US) to cpu.cfs_period_us, then the quota to cpu.cfs_quota_us.");
            // end::cpu-v1[]
        }
        if (limits.cpuShares() != null) {
            CgroupFiles.write(dir.resolve("cpu.shares"), limits.cpuShares());
        }
    }

    /**
     * v2 (cgroup-v2.rst, "CPU Interface Files"): {@code cpu.max} holds quota
     * and period in one write, {@code "50000 100000"}; {@code cpu.weight}
     * replaces shares on another scale ({@link Limits#cpuWeight}).
     */
    static void setV2(Path dir, Limits limits) {
        if (limits.cpus() != null) {
            // tag::cpu-v2[]
            // Exercise 3.3: v2 has one file, cpu.max, holding "quota period".
            Exercise.todo("3.3", "v2 has one file, cpu.max, holding \"quota period\".");
            // end::cpu-v2[]
        }
        if (limits.cpuShares() != null) {
            CgroupFiles.write(dir.resolve("cpu.weight"), Limits.cpuWeight(limits.cpuShares()));
        }
    }
}
