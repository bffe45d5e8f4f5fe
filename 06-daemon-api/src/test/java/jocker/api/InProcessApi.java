package jocker.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import jocker.engine.Engine;

/**
 * Test support: the endpoints of every {@link Routes} called in this JVM,
 * without HTTP, for tests of what a handler does to the engine. A request
 * is a method, a path with its query, and a body; the answer is collected
 * whole (a stream until it is closed). What goes over a socket (hijacking,
 * chunking, the real clients) is the end-to-end tests' part.
 */
final class InProcessApi implements Router {

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    private final Engine engine;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    InProcessApi(Path root) {
        this.root = root;
        this.engine = new Engine(root);
        for (Routes routes : ServiceLoader.load(Routes.class)) {
            routes.register(this);
        }
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public void add(String method, String path, Handler handler) {
        handlers.put(method + " " + path, handler);
    }

    @Override
    public Handler handler(String method, String path) {
        return handlers.get(method + " " + path);
    }

    /** An answer: its status, headers and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Answer call(String method, String target) throws Exception {
        return call(method, target, new byte[0]);
    }

    Answer call(String method, String target, Object json) throws Exception {
        return call(method, target, JSON.writeValueAsBytes(json));
    }

    Answer call(String method, String target, byte[] body) throws Exception {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Map<String, List<String>> query = query(target);
        for (Map.Entry<String, Handler> e : handlers.entrySet()) {
            Map<String, String> params = match(e.getKey(), method + " " + path);
            if (params != null) {
                Response response = new Response();
                try {
                    e.getValue().handle(new Request(method, path, params, query, body), response);
                } catch (ApiException error) {
                    return new Answer(error.status(), Map.of(), JSON.writeValueAsBytes(
                            Map.of("message", String.valueOf(error.getMessage()))));
                }
                return new Answer(response.status, response.headers, response.body.toByteArray());
            }
        }
        return new Answer(404, Map.of(), "no such endpoint".getBytes(StandardCharsets.UTF_8));
    }

    /** The path parameters when {@code pattern} matches {@code actual}, else null. */
    private static Map<String, String> match(String pattern, String actual) {
        String[] p = pattern.split("/");
        String[] a = actual.split("/");
        if (p.length != a.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i].startsWith("{")) {
                params.put(p[i].substring(1, p[i].length() - 1), a[i]);
            } else if (!p[i].equals(a[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, List<String>> query(String target) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (target.contains("?")) {
            for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(kv[0], k -> new ArrayList<>())
                        .add(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private record Request(String method, String path, Map<String, String> params, Map<String, List<String>> query,
                           byte[] bytes) implements ApiRequest {

        @Override
        public String apiVersion() {
            return "1.41";
        }

        @Override
        public String path(String name) {
            return params.get(name);
        }

        @Override
        public String query(String name) {
            List<String> values = query.get(name);
            return values == null ? null : values.get(0);
        }

        @Override
        public List<String> queryAll(String name) {
            return query.getOrDefault(name, List.of());
        }

        @Override
        public boolean queryFlag(String name, boolean otherwise) {
            String value = query(name);
            return value == null ? otherwise : value.equals("1") || value.equalsIgnoreCase("true");
        }

        @Override
        public long queryLong(String name, long otherwise) {
            String value = query(name);
            return value == null ? otherwise : Long.parseLong(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, List<String>> filters() {
            String value = query("filters");
            try {
                return value == null ? Map.of() : JSON.readValue(value, Map.class);
            } catch (IOException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public <T> T json(Class<T> type) throws IOException {
            return bytes.length == 0 ? null : JSON.readValue(bytes, type);
        }
    }

    private static final class Response implements ApiResponse {

        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void json(int newStatus, Object document) throws IOException {
            status = newStatus;
            body.write(JSON.writeValueAsBytes(document));
        }

        @Override
        public void bytes(int newStatus, String contentType, byte[] bytes) throws IOException {
            status = newStatus;
            body.write(bytes);
        }

        @Override
        public void empty(int newStatus) {
            status = newStatus;
        }

        @Override
        public ApiResponse header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public OutputStream stream(int newStatus, String contentType) {
            status = newStatus;
            return body;
        }

        @Override
        public Hijacked hijack(boolean multiplexed) {
            status = 101;
            return new Hijacked() {
                @Override
                public InputStream in() {
                    return InputStream.nullInputStream();
                }

                @Override
                public OutputStream out() {
                    return body;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
