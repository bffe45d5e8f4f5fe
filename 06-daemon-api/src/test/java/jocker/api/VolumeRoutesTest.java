package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.Engine;
import jocker.volumes.VolumeStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /volumes endpoints' handlers, called as the server calls them, without a socket. */
@DisplayName("the Engine API's /volumes")
class VolumeRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final Map<String, Router.Handler> handlers = new HashMap<>();

    private void register() {
        new VolumeRoutes().register(new Router() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public Engine engine() {
                throw new UnsupportedOperationException("the volumes need no engine");
            }

            @Override
            public void add(String method, String path, Handler handler) {
                handlers.put(method + " " + path, handler);
            }
        });
    }

    /** Calls {@code method path} with path parameter {@code name}, query and body; returns status and JSON. */
    private Answer call(String route, String name, Map<String, String> query, String body) throws Exception {
        Answer answer = new Answer();
        handlers.get(route).handle(new FakeRequest(name, query, body), answer);
        return answer;
    }

    @Test
    @DisplayName("create, list, inspect, remove: Docker's documents and statuses")
    void lifecycle() throws Exception {
        register();
        Answer created = call("POST /volumes/create", null, Map.of(),
                "{\"Name\":\"cache\",\"Driver\":\"local\",\"DriverOpts\":{},\"Labels\":{\"tier\":\"db\"}}");
        assertThat(created.status).isEqualTo(201);
        assertThat(created.body.get("Name").asText()).isEqualTo("cache");
        assertThat(created.body.get("Mountpoint").asText()).isEqualTo(root.resolve("volumes/cache/_data").toString());
        assertThat(created.body.get("Scope").asText()).isEqualTo("local");
        assertThat(Files.isDirectory(root.resolve("volumes/cache/_data"))).isTrue();

        Answer list = call("GET /volumes", null, Map.of(), "");
        assertThat(list.body.get("Volumes").findValuesAsText("Name")).containsExactly("cache");
        assertThat(list.body.get("Warnings").isArray()).isTrue();
        Answer byLabel = call("GET /volumes", null, Map.of("filters", "{\"label\":[\"tier=web\"]}"), "");
        assertThat(byLabel.body.get("Volumes")).isEmpty();

        assertThat(call("GET /volumes/{name}", "cache", Map.of(), "").body.get("Labels").get("tier").asText())
                .isEqualTo("db");
        assertThat(call("DELETE /volumes/{name}", "cache", Map.of(), "").status).isEqualTo(204);
        assertThatThrownBy(() -> call("GET /volumes/{name}", "cache", Map.of(), ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("get cache: no such volume");
    }

    @Test
    @DisplayName("a volume a container uses is 409 to DELETE and survives a prune; unused ones are pruned")
    void inUse() throws Exception {
        register();
        String id = "a".repeat(64);
        Files.createDirectories(root.resolve("containers").resolve(id));
        new VolumeStore(root).use("held", id);
        new VolumeStore(root).create("spare", Map.of());
        Files.writeString(root.resolve("volumes/spare/_data/f"), "12345");
        assertThatThrownBy(() -> call("DELETE /volumes/{name}", "held", Map.of(), ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("volume is in use - [" + id + "]");
        Answer pruned = call("POST /volumes/prune", null, Map.of(), "");
        assertThat(JSON.convertValue(pruned.body.get("VolumesDeleted"), List.class)).containsExactly("spare");
        assertThat(pruned.body.get("SpaceReclaimed").asLong()).isEqualTo(5);
        assertThat(Files.isDirectory(root.resolve("volumes/held/_data"))).isTrue();
    }

    @Test
    @DisplayName("a bad name or an unknown driver is refused: 400, 404")
    void refusals() throws Exception {
        register();
        assertThatThrownBy(() -> call("POST /volumes/create", null, Map.of(), "{\"Name\":\"../x\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> call("POST /volumes/create", null, Map.of(), "{\"Name\":\"x1\",\"Driver\":\"nfs\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(Files.exists(root.resolve("x"))).isFalse();
    }

    /** What a handler answered. */
    private static final class Answer implements ApiResponse {
        int status;
        JsonNode body;

        @Override
        public void json(int s, Object document) {
            status = s;
            body = JSON.valueToTree(document);
        }

        @Override
        public void empty(int s) {
            status = s;
        }

        @Override
        public void bytes(int s, String contentType, byte[] bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ApiResponse header(String name, String value) {
            return this;
        }

        @Override
        public OutputStream stream(int s, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hijacked hijack(boolean multiplexed) {
            throw new UnsupportedOperationException();
        }
    }

    /** A request with one path parameter, {@code name}. */
    private record FakeRequest(String name, Map<String, String> query, String text) implements ApiRequest {

        @Override
        public String method() {
            return "";
        }

        @Override
        public String path() {
            return "";
        }

        @Override
        public String apiVersion() {
            return "1.41";
        }

        @Override
        public String path(String param) {
            return name;
        }

        @Override
        public String query(String param) {
            return query.get(param);
        }

        @Override
        public List<String> queryAll(String param) {
            return query.containsKey(param) ? List.of(query.get(param)) : List.of();
        }

        @Override
        public boolean queryFlag(String param, boolean otherwise) {
            return query.containsKey(param) ? query.get(param).matches("1|true|True") : otherwise;
        }

        @Override
        public long queryLong(String param, long otherwise) {
            return query.containsKey(param) ? Long.parseLong(query.get(param)) : otherwise;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, List<String>> filters() {
            try {
                return query.containsKey("filters") ? JSON.readValue(query.get("filters"), Map.class) : Map.of();
            } catch (IOException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }

        @Override
        public String header(String headerName) {
            return null;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public <T> T json(Class<T> type) throws IOException {
            return text.isEmpty() ? null : JSON.readValue(text, type);
        }
    }
}
