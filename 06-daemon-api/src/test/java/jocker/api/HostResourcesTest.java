package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jocker.cgroups.Limits;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exercise 6.4: the create body's HostConfig resources become chapter 3's limits, by Docker's rules")
class HostResourcesTest {

    private static final long MIB = 1 << 20;

    private final List<String> warnings = new ArrayList<>();

    /** A HostConfig with only the resources set. */
    private static ContainerCreateBody.HostConfig host(Long memory, Long swap, Long nanoCpus, Long shares,
            Long pids) {
        return new ContainerCreateBody.HostConfig(memory, swap, nanoCpus, shares, null, null, pids, false, null,
                null, false, null, null, null);
    }

    private Limits limits(ContainerCreateBody.HostConfig host) {
        return HostResources.limits(host, 2, warnings);
    }

    @Test
    @Graded(exercise = "6.4", points = 1)
    @DisplayName("nothing set, or every value 0, sets no limit at all")
    void zeroIsNotSet() {
        assertThat(limits(ContainerCreateBody.HostConfig.NONE)).isEqualTo(Limits.NONE);
        assertThat(limits(host(0L, 0L, 0L, 0L, null))).isEqualTo(Limits.NONE);
        assertThat(warnings).isEmpty();
    }

    @Test
    @Graded(exercise = "6.4", points = 2)
    @DisplayName("Memory in bytes; MemorySwap 0 is twice the memory, -1 unlimited; under 6 MiB and a swap below"
            + " the memory are refused with Docker's messages")
    void memory() {
        Limits limits = limits(host(32 * MIB, null, null, null, null));
        assertThat(limits.memoryBytes()).isEqualTo(32 * MIB);
        assertThat(limits.memorySwapTotal()).as("swap not given: twice the memory").isEqualTo(64 * MIB);
        assertThat(limits(host(32 * MIB, -1L, null, null, null)).memorySwapTotal()).isEqualTo(-1L);
        assertThat(limits(host(32 * MIB, 48 * MIB, null, null, null)).memorySwapTotal()).isEqualTo(48 * MIB);

        assertThatThrownBy(() -> limits(host(5 * MIB, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Minimum memory limit allowed is 6MB");
        assertThatThrownBy(() -> limits(host(32 * MIB, 16 * MIB, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Minimum memoryswap limit should be larger than memory limit");
        assertThatThrownBy(() -> limits(host(null, 64 * MIB, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("always set the Memory limit");
    }

    @Test
    @Graded(exercise = "6.4", points = 2)
    @DisplayName("NanoCpus are billionths of a CPU: 500000000 is a 50 ms quota per 100 ms period; more CPUs"
            + " than the host has are refused")
    void nanoCpus() {
        Limits half = limits(host(null, null, 500_000_000L, null, null));
        assertThat(half.cpus()).isEqualTo(0.5);
        assertThat(half.toResources().cpu.quota).isEqualTo(50_000L);
        assertThat(half.toResources().cpu.period).isEqualTo(100_000L);
        assertThat(limits(host(null, null, 1_500_000_000L, null, null)).cpuQuotaMicros()).isEqualTo(150_000L);

        assertThatThrownBy(() -> limits(host(null, null, 3_000_000_000L, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Range of CPUs is from 0.01 to 2.00");
    }

    @Test
    @Graded(exercise = "6.4", points = 2)
    @DisplayName("CpuShares outside 2..262144 are clamped with a warning; PidsLimit 0 and -1 mean unlimited")
    void sharesAndPids() {
        assertThat(limits(host(null, null, null, 512L, null)).cpuShares()).isEqualTo(512);
        assertThat(warnings).isEmpty();
        assertThat(limits(host(null, null, null, 1L, null)).cpuShares()).isEqualTo(2);
        assertThat(limits(host(null, null, null, 300_000L, null)).cpuShares()).isEqualTo(262_144);
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("CPUShares"));

        assertThat(limits(host(null, null, null, null, 100L)).pidsLimit()).isEqualTo(100L);
        assertThat(limits(host(null, null, null, null, 0L)).pidsLimit()).isEqualTo(-1L);
        assertThat(limits(host(null, null, null, null, -1L)).pidsLimit()).isEqualTo(-1L);
        assertThat(limits(host(null, null, null, null, -1L)).toResources().pids.limit).isEqualTo(-1L);
        assertThat(limits(host(null, null, null, null, null)).pidsLimit()).isNull();
    }
}
