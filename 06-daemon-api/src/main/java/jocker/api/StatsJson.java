package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One document of {@code GET /containers/{id}/stats}, Docker's shape, the
 * part {@code docker stats} reads. The CLI computes the CPU percentage from
 * two samples: the container's CPU time over the host's in between, times
 * the CPUs, {@code (Δtotal_usage / Δsystem_cpu_usage) × online_cpus × 100};
 * so each document carries the previous sample as {@code precpu_stats}.
 *
 * <pre>
 * {"read":"…","preread":"…","id":"4f3c…","name":"/web","pids_stats":{"current":3,"limit":100},
 *  "cpu_stats":{"cpu_usage":{"total_usage":123456789},"system_cpu_usage":98765432100000,"online_cpus":2},
 *  "precpu_stats":{…},"memory_stats":{"usage":1048576,"limit":33554432,"stats":{}},"blkio_stats":{}}
 * </pre>
 */
public record StatsJson(@JsonProperty("read") String read,
                        @JsonProperty("preread") String preread,
                        @JsonProperty("id") String id,
                        @JsonProperty("name") String name,
                        @JsonProperty("num_procs") int numProcs,
                        @JsonProperty("pids_stats") PidsStats pidsStats,
                        @JsonProperty("cpu_stats") CpuStats cpuStats,
                        @JsonProperty("precpu_stats") CpuStats precpuStats,
                        @JsonProperty("memory_stats") MemoryStats memoryStats,
                        @JsonProperty("blkio_stats") Map<String, Object> blkioStats) {

    /** @param limit 0 when there is none */
    public record PidsStats(@JsonProperty("current") long current, @JsonProperty("limit") long limit) {
    }

    /** @param systemCpuUsage the host's CPU time, all CPUs, in nanoseconds ({@code /proc/stat}) */
    public record CpuStats(@JsonProperty("cpu_usage") CpuUsage cpuUsage,
                           @JsonProperty("system_cpu_usage") long systemCpuUsage,
                           @JsonProperty("online_cpus") int onlineCpus) {

        static final CpuStats NONE = new CpuStats(new CpuUsage(0, 0, 0), 0, 0);
    }

    /** The container's CPU time in nanoseconds. */
    public record CpuUsage(@JsonProperty("total_usage") long totalUsage,
                           @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
                           @JsonProperty("usage_in_usermode") long usageInUsermode) {
    }

    /** @param limit the memory limit in bytes; the host's memory when there is none, as Docker says */
    public record MemoryStats(@JsonProperty("usage") long usage, @JsonProperty("limit") long limit,
                              @JsonProperty("stats") Map<String, Long> stats) {
    }
}
