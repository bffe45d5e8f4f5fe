package jocker.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.Engine;

/**
 * Test support: the handler contract without a server: a router that keeps
 * the handlers, a request from a map, a response that records what it got.
 */
final class FakeExchange {

    private FakeExchange() {
    }

    /** The handlers that {@code routes} registers, by {@code "METHOD path"}. */
    static Map<String, Router.Handler> register(Routes routes, Engine engine, Path root) {
        Map<String, Router.Handler> handlers = new HashMap<>();
        routes.register(new Router() {
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
        });
        return handlers;
    }

    /** A request with path parameter {@code id} and this query. */
    static ApiRequest request(String method, String id, Map<String, String> query) {
        return new ApiRequest() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return "/containers/" + id;
            }

            @Override
            public String apiVersion() {
                return "1.41";
            }

            @Override
            public String path(String name) {
                return id;
            }

            @Override
            public String query(String name) {
                return query.get(name);
            }

            @Override
            public List<String> queryAll(String name) {
                return query.containsKey(name) ? List.of(query.get(name)) : List.of();
            }

            @Override
            public boolean queryFlag(String name, boolean otherwise) {
                String value = query.get(name);
                return value == null ? otherwise : value.equals("1") || value.equalsIgnoreCase("true");
            }

            @Override
            public long queryLong(String name, long otherwise) {
                String value = query.get(name);
                return value == null ? otherwise : Long.parseLong(value);
            }

            @Override
            public Map<String, List<String>> filters() {
                return Map.of();
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public <T> T json(Class<T> type) {
                return null;
            }
        };
    }

    /** A response that records its status and body; a hijack reads the client's bytes from {@link #stdin}. */
    static final class Response implements ApiResponse {

        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final PipedOutputStream stdin = new PipedOutputStream();
        volatile int status;
        volatile Boolean multiplexed;
        volatile boolean closed;

        @Override
        public void json(int code, Object document) {
            status = code;
        }

        @Override
        public void bytes(int code, String contentType, byte[] bytes) {
            status = code;
            body.writeBytes(bytes);
        }

        @Override
        public void empty(int code) {
            status = code;
        }

        @Override
        public ApiResponse header(String name, String value) {
            return this;
        }

        @Override
        public OutputStream stream(int code, String contentType) {
            status = code;
            return body;
        }

        @Override
        public Hijacked hijack(boolean frames) throws IOException {
            status = 101;
            // Connected before multiplexed is set: a test that waits for multiplexed then writes stdin.
            PipedInputStream in = new PipedInputStream(stdin, 1 << 16);
            multiplexed = frames;
            return new Hijacked() {
                @Override
                public InputStream in() {
                    return in;
                }

                @Override
                public OutputStream out() {
                    return body;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        /** The body as frames: {@code [stream, text]} pairs joined as "1:text|2:text". */
        String frames() {
            byte[] bytes;
            synchronized (body) {
                bytes = body.toByteArray();
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i + StreamFrames.HEADER <= bytes.length; ) {
                int size = (bytes[i + 4] & 0xff) << 24 | (bytes[i + 5] & 0xff) << 16 | (bytes[i + 6] & 0xff) << 8
                        | bytes[i + 7] & 0xff;
                out.append(bytes[i]).append(':')
                        .append(new String(bytes, i + StreamFrames.HEADER, size, java.nio.charset.StandardCharsets.UTF_8));
                i += StreamFrames.HEADER + size;
            }
            return out.toString();
        }
    }
}
