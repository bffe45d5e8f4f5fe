package jocker.cgroups;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.spec.Spec;

/**
 * What {@code docker run} lets a container use, with Docker's meaning for
 * each option. A null field is "not set": the cgroup keeps what it inherits.
 *
 * @param memoryBytes     {@code --memory}: RAM, in bytes
 * @param memorySwapBytes {@code --memory-swap}: RAM <em>plus</em> swap, in
 *                        bytes; -1 for unlimited swap. Not set with
 *                        {@code --memory} set means as much swap as memory
 *                        ({@link #memorySwapTotal()})
 * @param cpus            {@code --cpus}: how many CPUs' worth of time per
 *                        period, as a CFS quota over a 100 ms period
 * @param cpuShares       {@code --cpu-shares}: relative weight under
 *                        contention, 2..262144, default 1024
 * @param pidsLimit       {@code --pids-limit}: most processes and threads at
 *                        once; 0 or less for unlimited
 */
public record Limits(Long memoryBytes, Long memorySwapBytes, Double cpus, Integer cpuShares, Long pidsLimit) {

    /** The CFS period Docker uses, in microseconds: 100 ms. */
    public static final long CPU_PERIOD_US = 100_000;

    /** {@code 32m}, {@code 1.5 GiB}: a number, a unit, an optional {@code i} and {@code b}. */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp]?)(?:i?b)?");

    /** No limits at all. */
    public static final Limits NONE = new Limits(null, null, null, null, null);

    /**
     * Whether this is {@link #NONE}, field by field (see {@code
     * Confinement.keepsDockerDefaults} for why not equals; not {@code isNone}:
     * Jackson would write that as a property, into inspect's HostConfig).
     */
    public boolean limitsNothing() {
        return memoryBytes == null && memorySwapBytes == null && cpus == null && cpuShares == null
                && pidsLimit == null;
    }

    /** Docker's messages, so a user sees the same refusal as with {@code docker run}. */
    public Limits {
        if (memoryBytes != null && memoryBytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive: " + memoryBytes);
        }
        if (memorySwapBytes != null && memorySwapBytes != -1) {
            if (memoryBytes == null) {
                throw new IllegalArgumentException(
                        "You should always set the Memory limit when using Memoryswap limit");
            }
            if (memorySwapBytes < memoryBytes) {
                throw new IllegalArgumentException(
                        "Minimum memoryswap limit should be larger than memory limit");
            }
        }
        // cpu.cfs_quota_us must be at least 1 ms: 0.01 of a 100 ms period.
        if (cpus != null && !(cpus >= 0.01)) {
            throw new IllegalArgumentException("Range of CPUs is from 0.01: " + cpus);
        }
        if (cpuShares != null && (cpuShares < 2 || cpuShares > 262_144)) {
            throw new IllegalArgumentException("cpu shares must be within 2..262144: " + cpuShares);
        }
    }

    // tag::resources[]
    /** These limits as the OCI runtime spec's {@code linux.resources}; null when there are none. */
    public Spec.Resources toResources() {
        if (equals(NONE)) {
            return null;
        }
        Spec.Resources r = new Spec.Resources();
        if (memoryBytes != null) {
            r.memory = new Spec.Memory();
            r.memory.limit = memoryBytes;
            r.memory.swap = memorySwapTotal();
        }
        if (cpus != null || cpuShares != null) {
            r.cpu = new Spec.Cpu();
            r.cpu.shares = cpuShares == null ? null : cpuShares.longValue();
            r.cpu.quota = cpuQuotaMicros();
            r.cpu.period = cpus == null ? null : CPU_PERIOD_US;
        }
        if (pidsLimit != null) {
            r.pids = new Spec.Pids();
            r.pids.limit = pidsLimit > 0 ? pidsLimit : -1;
        }
        return r;
    }
    // end::resources[]

    /** The limits that a spec's {@code linux.resources} sets; {@link #NONE} for null. */
    public static Limits fromResources(Spec.Resources r) {
        if (r == null) {
            return NONE;
        }
        Long memory = r.memory == null ? null : r.memory.limit;
        Long swap = r.memory == null ? null : r.memory.swap;
        Double cpus = r.cpu == null || r.cpu.quota == null || r.cpu.quota <= 0 ? null
                : (double) r.cpu.quota / (r.cpu.period != null ? r.cpu.period : CPU_PERIOD_US);
        Integer shares = r.cpu == null || r.cpu.shares == null ? null : r.cpu.shares.intValue();
        Long pids = r.pids == null ? null : r.pids.limit;
        return new Limits(memory, swap, cpus, shares, pids);
    }

    public Limits withMemory(long bytes) {
        return new Limits(bytes, memorySwapBytes, cpus, cpuShares, pidsLimit);
    }

    public Limits withMemorySwap(long bytes) {
        return new Limits(memoryBytes, bytes, cpus, cpuShares, pidsLimit);
    }

    public Limits withCpus(double cpus) {
        return new Limits(memoryBytes, memorySwapBytes, cpus, cpuShares, pidsLimit);
    }

    public Limits withCpuShares(int shares) {
        return new Limits(memoryBytes, memorySwapBytes, cpus, shares, pidsLimit);
    }

    public Limits withPidsLimit(long pids) {
        return new Limits(memoryBytes, memorySwapBytes, cpus, cpuShares, pids);
    }

    /**
     * Memory plus swap as the kernel should enforce it: null when there is no
     * memory limit, -1 for unlimited swap, and twice the memory when
     * {@code --memory-swap} was not given (the Docker daemon's default).
     */
    public Long memorySwapTotal() {
        if (memoryBytes == null) {
            return null;
        }
        return memorySwapBytes != null ? memorySwapBytes : 2 * memoryBytes;
    }

    /** The CFS quota in microseconds per {@link #CPU_PERIOD_US}: 0.5 CPUs is 50000. */
    public Long cpuQuotaMicros() {
        return cpus == null ? null : Math.round(cpus * CPU_PERIOD_US);
    }

    /**
     * v2's {@code cpu.weight} (1..10000, default 100) for v1's
     * {@code cpu.shares} (2..262144, default 1024): runc's linear mapping,
     * {@code ConvertCPUSharesToCgroupV2Value}, which sends 2 to 1, 1024 to 39
     * and 262144 to 10000. The default maps to 39, not 100: runc chose to keep
     * both ends of the range.
     */
    public static long cpuWeight(int shares) {
        return 1 + ((shares - 2L) * 9999) / 262142;
    }

    /**
     * A size as {@code docker run --memory} reads it (go-units'
     * {@code RAMInBytes}): a number with an optional unit {@code b}, {@code k},
     * {@code m}, {@code g} (and {@code t}, {@code p}), any case, in powers of
     * 1024; {@code 32m}, {@code 1.5g}, {@code 512MiB}. A plain number is bytes.
     */
    public static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text
                    + "' (a number with an optional unit b, k, m or g, such as 32m)");
        }
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2)) + 1;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid size: '" + text + "' is too large");
        }
        return (long) bytes;
    }
}
