package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Limits: docker run's resource options")
class LimitsTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"0, 0", "100, 100", "100b, 100", "1k, 1024", "1K, 1024", "32m, 33554432", "32M, 33554432",
        "32mb, 33554432", "32MiB, 33554432", "1g, 1073741824", "1.5g, 1610612736", "'2 m', 2097152"})
    @DisplayName("sizes are read as docker run --memory reads them, in powers of 1024")
    void parseBytes(String text, long bytes) {
        assertThat(Limits.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "m", "-1m", "32x", "32 mm", "1e6", "ten"})
    @DisplayName("a size that is not a number with a unit is refused, naming the text")
    void badSize(String text) {
        assertThatThrownBy(() -> Limits.parseBytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid size: '" + text + "'");
    }

    @ParameterizedTest(name = "shares {0} -> weight {1}")
    @CsvSource({"2, 1", "1024, 39", "262144, 10000"})
    @DisplayName("cpu.shares maps onto cpu.weight as runc maps it")
    void sharesToWeight(int shares, long weight) {
        assertThat(Limits.cpuWeight(shares)).isEqualTo(weight);
    }

    @Test
    @DisplayName("--cpus 0.5 is a quota of 50000 us per 100000 us period")
    void cpuQuota() {
        assertThat(Limits.NONE.withCpus(0.5).cpuQuotaMicros()).isEqualTo(50_000);
        assertThat(Limits.NONE.withCpus(1.25).cpuQuotaMicros()).isEqualTo(125_000);
        assertThat(Limits.NONE.cpuQuotaMicros()).isNull();
    }

    @Test
    @DisplayName("--memory-swap is memory plus swap: unset means as much swap as memory, -1 unlimited")
    void swapTotal() {
        assertThat(Limits.NONE.withMemory(100).memorySwapTotal()).isEqualTo(200);
        assertThat(Limits.NONE.withMemory(100).withMemorySwap(150).memorySwapTotal()).isEqualTo(150);
        assertThat(Limits.NONE.withMemory(100).withMemorySwap(-1).memorySwapTotal()).isEqualTo(-1);
        assertThat(Limits.NONE.memorySwapTotal()).isNull();
    }

    @Test
    @DisplayName("impossible combinations are refused with Docker's messages")
    void refused() {
        assertThatThrownBy(() -> Limits.NONE.withMemorySwap(100))
                .hasMessageContaining("always set the Memory limit");
        assertThatThrownBy(() -> Limits.NONE.withMemory(100).withMemorySwap(50))
                .hasMessageContaining("Minimum memoryswap limit should be larger than memory limit");
        assertThatThrownBy(() -> Limits.NONE.withCpus(0.001)).hasMessageContaining("0.01");
        assertThatThrownBy(() -> Limits.NONE.withCpuShares(1)).hasMessageContaining("2..262144");
        assertThatThrownBy(() -> Limits.NONE.withMemory(0)).hasMessageContaining("positive");
    }
}
