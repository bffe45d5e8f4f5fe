package jocker.registry.auth;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;

/** Test support: a GET to the token endpoint, and the answer it got, without a server between. */
final class FakeTokenRequest implements ApiRequest {

    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    FakeTokenRequest query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    FakeTokenRequest header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    /** What the handler answered. */
    static final class Answer implements ApiResponse {
        int status;
        Object document;
        final Map<String, String> headers = new LinkedHashMap<>();

        @Override
        public void json(int status, Object document) {
            this.status = status;
            this.document = document;
        }

        @Override
        public void bytes(int status, String contentType, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void empty(int status) {
            this.status = status;
        }

        @Override
        public ApiResponse header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public OutputStream stream(int status, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hijacked hijack(boolean multiplexed) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/token";
    }

    @Override
    public String apiVersion() {
        return "";
    }

    @Override
    public String path(String name) {
        return null;
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
        return otherwise;
    }

    @Override
    public long queryLong(String name, long otherwise) {
        return otherwise;
    }

    @Override
    public Map<String, List<String>> filters() {
        return Map.of();
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    @Override
    public InputStream body() {
        return InputStream.nullInputStream();
    }

    @Override
    public <T> T json(Class<T> type) {
        return null;
    }
}
