package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A layer's event as Docker's daemon sends it: the bytes, the bar, how often; errors before and after the 200. */
@DisplayName("pull and push progress as Docker's JSON messages")
class JsonProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("Downloading with a count: progressDetail, a 50-column bar at 2 % a column, decimal sizes")
    void download() throws Exception {
        String line = JSON.writeValueAsString(JsonProgress.message("3f4d90098f5b", "Downloading", 1048576, 2097152));
        assertThat(line).isEqualTo("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1048576,"
                + "\"total\":2097152},\"progress\":\"[" + "=".repeat(25) + ">" + " ".repeat(25)
                + "]  1.049MB/2.097MB\","
                + "\"id\":\"3f4d90098f5b\"}");
    }

    @Test
    @DisplayName("a step without a count: an empty progressDetail and no bar, so the CLI prints it off a terminal too")
    void step() throws Exception {
        assertThat(JSON.writeValueAsString(JsonProgress.message("3f4d90098f5b", "Pull complete", -1, -1)))
                .isEqualTo("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"3f4d90098f5b\"}");
    }

    @Test
    @DisplayName("a layer's counts at most every 100 ms, its first and last always; steps always")
    void throttled() throws Exception {
        Answer answer = new Answer();
        JsonProgress progress = new JsonProgress(answer);
        progress.run(() -> {
            progress.layer("abc", "Downloading", 0, 1000);
            for (int i = 1; i < 1000; i++) {
                progress.layer("abc", "Downloading", i, 1000);
            }
            progress.layer("abc", "Downloading", 1000, 1000);
            progress.layer("abc", "Pull complete", -1, -1);
        });
        assertThat(answer.status).isEqualTo(200);
        List<String> lines = answer.body.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("\"current\":0,");
        assertThat(lines.get(lines.size() - 2)).contains("\"current\":1000,");
        assertThat(lines.get(lines.size() - 1)).contains("Pull complete");
        assertThat(lines.size()).as("1000 counts in well under 100 ms each").isLessThan(20);
    }

    @Test
    @DisplayName("a failure before the first line is the request's error; after it, an error line in a 200")
    void errors() throws Exception {
        Answer before = new Answer();
        JsonProgress early = new JsonProgress(before);
        assertThatThrownBy(() -> early.run(() -> {
            throw new java.io.IOException("cannot reach http://127.0.0.1:1 (connection refused)");
        })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("connection refused");
        assertThat(before.status).as("nothing sent").isZero();

        Answer after = new Answer();
        JsonProgress late = new JsonProgress(after);
        late.run(() -> {
            late.line("1: Pulling from lib/bb");
            throw new java.io.IOException("manifest unknown");
        });
        assertThat(after.status).isEqualTo(200);
        assertThat(after.body.toString(StandardCharsets.UTF_8)).endsWith(
                "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}\r\n");
    }

    /** An answer kept in memory: only a stream is expected. */
    private static final class Answer implements ApiResponse {

        int status;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public OutputStream stream(int status, String contentType) {
            this.status = status;
            return body;
        }

        @Override
        public void json(int status, Object document) {
            throw new AssertionError("a JSON answer");
        }

        @Override
        public void bytes(int status, String contentType, byte[] bytes) {
            throw new AssertionError("a whole answer");
        }

        @Override
        public void empty(int status) {
            throw new AssertionError("an empty answer");
        }

        @Override
        public ApiResponse header(String name, String value) {
            return this;
        }

        @Override
        public Hijacked hijack(boolean multiplexed) {
            throw new AssertionError("a hijack");
        }
    }
}
