package jocker.cli;

import jocker.cgroups.Limits;
import jocker.engine.CreateRequest;
import picocli.CommandLine.Option;

/**
 * Chapter 3's options of {@code jocker run}: limits the kernel enforces. A
 * command the kernel's OOM killer ends exits 137 and {@code jocker inspect}
 * shows OOMKilled.
 *
 * <pre>
 * jocker run -m 32m busybox sh -c 'x=a; while true; do x=$x$x; done'
 * jocker run --pids-limit 10 busybox sh -c 'for i in $(seq 50); do sleep 5 &amp; done; wait'
 * jocker run --cpus 0.5 busybox sh -c 'while true; do :; done'
 * </pre>
 */
public final class LimitOptions implements RunOptions {

    /** The smallest memory limit Docker accepts. */
    static final long MIN_MEMORY = 6 << 20;

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES",
            description = "Memory limit, with b, k, m or g (e.g. 32m; at least 6m).")
    private String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES",
            description = "Memory plus swap; -1 for unlimited swap (default: twice --memory).")
    private String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs the container may use, e.g. 0.5.")
    private Double cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "SHARES",
            description = "Relative CPU weight when CPUs are contended (default 1024).")
    private Integer cpuShares;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes at once; 0 or -1: no limit.")
    private Long pidsLimit;

    @Override
    public int chapter() {
        return 3;
    }

    /** The limits from the options, refused as Docker refuses them. */
    Limits limits() {
        Limits limits = Limits.NONE;
        if (memory != null) {
            long bytes = Limits.parseBytes(memory);
            if (bytes < MIN_MEMORY) {
                throw new IllegalArgumentException("Minimum memory limit allowed is 6MB");
            }
            limits = limits.withMemory(bytes);
        }
        if (memorySwap != null) {
            limits = limits.withMemorySwap(memorySwap.equals("-1") ? -1 : Limits.parseBytes(memorySwap));
        }
        if (cpus != null) {
            int host = Runtime.getRuntime().availableProcessors();
            if (cpus > host) {
                throw new IllegalArgumentException("Range of CPUs is from 0.01 to " + host
                        + ".00, as there are only " + host + " CPUs available");
            }
            limits = limits.withCpus(cpus);
        }
        if (cpuShares != null) {
            limits = limits.withCpuShares(cpuShares);
        }
        if (pidsLimit != null) {
            limits = limits.withPidsLimit(pidsLimit);
        }
        return limits;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        Limits limits = limits();
        return limits.limitsNothing() ? request : request.with(limits);
    }
}
