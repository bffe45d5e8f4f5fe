package jocker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.Engine;

/**
 * Test support: a group of {@link Routes} called in process, without a
 * server: the router keeps the handlers, a request is a method, the rest
 * of the path after the route's fixed part, a query and a body; the answer
 * is kept whole (status, content type, body) for the test to read.
 */
final class InProcessRoutes {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer as the client got it. */
    record Answer(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }

        /** The lines of a JSON stream ({@code {"stream":…}} …), each parsed. */
        List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text().split("\r\n")) {
                if (!line.isBlank()) {
                    lines.add(MAPPER.readTree(line));
                }
            }
            return lines;
        }
    }

    private final Map<String, Router.Handler> handlers = new HashMap<>();

    InProcessRoutes(Routes routes, Path root) {
        routes.register(new Router() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public Engine engine() {
                return new Engine(root);
            }

            @Override
            public void add(String method, String path, Handler handler) {
                handlers.put(method + " " + path, handler);
            }
        });
    }

    /**
     * Calls {@code method route} with the path parameter {@code name}
     * (null for none), the query {@code query} ({@code k=v} pairs) and the
     * body; an {@link ApiException} becomes its status and message.
     */
    Answer call(String method, String route, String name, byte[] body, String... query) throws Exception {
        Router.Handler handler = handlers.get(method + " " + route);
        if (handler == null) {
            throw new AssertionError("no route " + method + " " + route + " among " + handlers.keySet());
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        Response response = new Response();
        try {
            handler.handle(new Request(method, name, params, body == null ? new byte[0] : body), response);
        } catch (ApiException e) {
            if (response.status != 0) {
                throw e;
            }
            return new Answer(e.status(), "application/json",
                    MAPPER.writeValueAsBytes(Map.of("message", e.getMessage())));
        }
        return new Answer(response.status, response.contentType, response.body.toByteArray());
    }

    private record Request(String method, String name, Map<String, List<String>> params, byte[] bytes)
            implements ApiRequest {

        @Override
        public String path() {
            return "/images/" + name;
        }

        @Override
        public String apiVersion() {
            return "1.41";
        }

        @Override
        public String path(String parameter) {
            return name;
        }

        @Override
        public String query(String parameter) {
            List<String> values = params.get(parameter);
            return values == null ? null : values.get(0);
        }

        @Override
        public List<String> queryAll(String parameter) {
            return params.getOrDefault(parameter, List.of());
        }

        @Override
        public boolean queryFlag(String parameter, boolean otherwise) {
            String value = query(parameter);
            return value == null ? otherwise : value.equals("1") || value.equalsIgnoreCase("true");
        }

        @Override
        public long queryLong(String parameter, long otherwise) {
            String value = query(parameter);
            return value == null ? otherwise : Long.parseLong(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, List<String>> filters() {
            String json = query("filters");
            try {
                return json == null ? Map.of() : MAPPER.readValue(json, Map.class);
            } catch (IOException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }

        @Override
        public String header(String header) {
            return null;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public <T> T json(Class<T> type) throws IOException {
            return bytes.length == 0 ? null : MAPPER.readValue(bytes, type);
        }
    }

    private static final class Response implements ApiResponse {
        int status;
        String contentType;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void json(int code, Object document) throws IOException {
            answer(code, "application/json");
            body.write(MAPPER.writeValueAsBytes(document));
        }

        @Override
        public void bytes(int code, String type, byte[] bytes) throws IOException {
            answer(code, type);
            body.write(bytes);
        }

        @Override
        public void empty(int code) {
            answer(code, null);
        }

        @Override
        public ApiResponse header(String name, String value) {
            return this;
        }

        @Override
        public OutputStream stream(int code, String type) {
            answer(code, type);
            return body;
        }

        @Override
        public Hijacked hijack(boolean multiplexed) {
            throw new UnsupportedOperationException("no image endpoint takes the connection over");
        }

        private void answer(int code, String type) {
            if (status != 0) {
                throw new IllegalStateException("answered twice: " + status + ", then " + code);
            }
            status = code;
            contentType = type;
        }
    }
}
