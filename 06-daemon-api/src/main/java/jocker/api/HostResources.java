package jocker.api;

import java.util.List;
import jocker.cgroups.Limits;
import jocker.course.Exercise;

/**
 * {@code HostConfig}'s resources as chapter 3's {@link Limits}, by the
 * Docker daemon's rules ({@code verifyPlatformContainerResources} in moby's
 * {@code daemon/daemon_unix.go}). The API speaks in the kernel's units,
 * where {@code docker run} speaks in people's: {@code --cpus 0.5} arrives
 * as {@code "NanoCpus": 500000000}, {@code -m 32m} as {@code "Memory": 33554432}.
 *
 * <ul>
 * <li>{@code Memory}: bytes; 0 or absent, no limit; anything under 6 MiB is refused.</li>
 * <li>{@code MemorySwap}: memory plus swap; 0 or absent, twice the memory; -1, unlimited swap.</li>
 * <li>{@code NanoCpus}: CPUs in billionths (a CFS quota of {@code NanoCpus / 10^9} periods);
 *     0 or absent, none. {@code CpuQuota}/{@code CpuPeriod} say the same in microseconds, but not both.</li>
 * <li>{@code CpuShares}: 0 or absent, the default (1024); below 2 or above 262144 it is clamped,
 *     with a warning.</li>
 * <li>{@code PidsLimit}: absent, not set; 0 or -1, unlimited.</li>
 * </ul>
 */
public final class HostResources {

    /** The smallest memory limit Docker accepts: 6 MiB. */
    static final long MIN_MEMORY = 6L << 20;
    static final long MIN_CPU_SHARES = 2;
    static final long MAX_CPU_SHARES = 262_144;
    static final long NANOS_PER_CPU = 1_000_000_000L;

    private HostResources() {
    }

    /**
     * The limits {@code host} asks for, on a host with {@code hostCpus} CPUs;
     * adjustments Docker makes with a warning are added to {@code warnings}.
     *
     * @throws ApiException 400 with Docker's message for a value it refuses
     */
    // tag::limits[]
    public static Limits limits(ContainerCreateBody.HostConfig host, int hostCpus,
            List<String> warnings) {
        // Exercise 6.4: 0 means "not set" for Memory, MemorySwap, NanoCpus and CpuShares;
        //   Memory under MIN_MEMORY is refused; NanoCpus / 10^9 CPUs, at most hostCpus; CpuShares
        //   clamped to 2..262144 with a warning; PidsLimit 0 or -1 is unlimited (-1). Refuse with
        //   ApiException.badRequest(Docker's message).
        return Exercise.todo("6.4", "0 means \"not set\" for Memory, MemorySwap, NanoCpus and CpuShares; Memory under MIN_MEMORY is refused; NanoCpus / 10^9 CPUs, at most hostCpus; CpuShares clamped to 2..262144 with a warning; PidsLimit 0 or -1 is unlimited (-1). Refuse with ApiException.badRequest(Docker's message).");
    }
    // end::limits[]

    /** The CPUs of {@code NanoCpus}, or of {@code CpuQuota} over {@code CpuPeriod}; null when neither is set. */
    private static Double cpus(ContainerCreateBody.HostConfig host, int hostCpus) {
        long nanoCpus = orZero(host.nanoCpus());
        long quota = orZero(host.cpuQuota());
        if (nanoCpus != 0 && (quota != 0 || orZero(host.cpuPeriod()) != 0)) {
            throw ApiException.badRequest("Conflicting options: Nano CPUs and CPU Period/Quota cannot both be set");
        }
        if (nanoCpus == 0 && quota <= 0) {
            return null;
        }
        if (nanoCpus == 0) {
            long period = orZero(host.cpuPeriod()) > 0 ? host.cpuPeriod() : Limits.CPU_PERIOD_US;
            if (quota < 1000) {
                throw ApiException.badRequest("CPU cfs quota can not be less than 1ms (i.e. 1000)");
            }
            return (double) quota / period;
        }
        if (nanoCpus < 0 || nanoCpus < NANOS_PER_CPU / 100 || nanoCpus > hostCpus * NANOS_PER_CPU) {
            throw ApiException.badRequest("Range of CPUs is from 0.01 to " + hostCpus + ".00, as there are only "
                    + hostCpus + " CPUs available");
        }
        return (double) nanoCpus / NANOS_PER_CPU;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
