package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A layer's event as Docker's daemon sends it: the bytes, the bar, the sizes. */
@DisplayName("pull and push progress as Docker's JSON messages")
class JsonProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("Downloading with a count: progressDetail, a 50-column bar at 2 % a column, decimal sizes")
    void download() throws Exception {
        String line = JSON.writeValueAsString(JsonProgress.message("3f4d90098f5b", "Downloading", 1048576, 2097152));
        assertThat(line).isEqualTo("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1048576,"
                + "\"total\":2097152},\"progress\":\"[" + "=".repeat(25) + ">" + " ".repeat(25) + "]  1.049MB/2.097MB\","
                + "\"id\":\"3f4d90098f5b\"}");
    }

    @Test
    @DisplayName("a step without a count: an empty progressDetail and no bar, so the CLI prints it off a terminal too")
    void step() throws Exception {
        assertThat(JSON.writeValueAsString(JsonProgress.message("3f4d90098f5b", "Pull complete", -1, -1)))
                .isEqualTo("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"3f4d90098f5b\"}");
    }

    @Test
    @DisplayName("sizes as Docker's units.HumanSize writes them")
    void sizes() {
        assertThat(JsonProgress.humanSize(512)).isEqualTo("512B");
        assertThat(JsonProgress.humanSize(1500)).isEqualTo("1.5kB");
        assertThat(JsonProgress.humanSize(2097152)).isEqualTo("2.097MB");
        assertThat(JsonProgress.humanSize(210_000_000)).isEqualTo("210MB");
        assertThat(JsonProgress.bar(300, -1)).isEqualTo("    300B");
    }
}
