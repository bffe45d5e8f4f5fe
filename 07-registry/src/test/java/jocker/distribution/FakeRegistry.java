package jocker.distribution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.images.Digest;

/**
 * A registry of our own, small enough to misbehave on purpose: it serves
 * a blob's bytes changed ({@link #tamper}), holds each blob download for a
 * while and counts how many run at once ({@link #maxConcurrentBlobGets}),
 * and drops the connection in the middle of a chunk ({@link #dropPatch}).
 * Just the endpoints the client uses, on a free loopback port.
 */
final class FakeRegistry implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/v2/(.+)/(manifests|blobs|blobs/uploads)/([^/]*)");

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> types = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final Map<String, Function<byte[], byte[]>> tampered = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger patches = new AtomicInteger();
    private final HttpServer server;
    private volatile long blobDelayMillis;
    private volatile int dropPatch = -1;
    volatile long patchedBytes;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String domain() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves blob {@code digest} changed by {@code change}. */
    void tamper(Digest digest, Function<byte[], byte[]> change) {
        tampered.put(digest.toString(), change);
    }

    /** Holds each blob download {@code millis} before it answers. */
    void delayBlobs(long millis) {
        blobDelayMillis = millis;
    }

    int maxConcurrentBlobGets() {
        return maxRunning.get();
    }

    /** The {@code n}th PATCH (from 1) keeps half its body, then the connection drops. */
    void dropPatch(int n) {
        dropPatch = n;
    }

    /** Stores a manifest under {@code repository}'s tag (and its digest). */
    void manifest(String repository, String tag, byte[] bytes, String mediaType) {
        String digest = Digest.of(bytes).toString();
        for (String ref : new String[] {tag, digest}) {
            manifests.put(repository + ":" + ref, bytes);
            types.put(repository + ":" + ref, mediaType);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query != null ? "?" + query : ""));
        try (x) {
            if (path.equals("/v2/")) {
                send(x, 200, new byte[0], null);
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                error(x, 404, "NAME_UNKNOWN");
                return;
            }
            String repo = m.group(1);
            String kind = m.group(2);
            String ref = m.group(3);
            switch (kind) {
                case "manifests" -> manifest(x, method, repo, ref);
                case "blobs" -> blob(x, method, ref);
                default -> upload(x, method, repo, ref, query);
            }
        }
    }

    private void manifest(HttpExchange x, String method, String repo, String ref) throws IOException {
        if (method.equals("PUT")) {
            byte[] body = x.getRequestBody().readAllBytes();
            manifest(repo, ref, body, x.getRequestHeaders().getFirst("Content-Type"));
            x.getResponseHeaders().set("Docker-Content-Digest", Digest.of(body).toString());
            send(x, 201, new byte[0], null);
            return;
        }
        byte[] bytes = manifests.get(repo + ":" + ref);
        if (bytes == null) {
            error(x, 404, "MANIFEST_UNKNOWN");
            return;
        }
        x.getResponseHeaders().set("Docker-Content-Digest", Digest.of(bytes).toString());
        send(x, 200, method.equals("HEAD") ? null : bytes, types.get(repo + ":" + ref));
    }

    private void blob(HttpExchange x, String method, String digest) throws IOException {
        byte[] bytes = blobs.get(digest);
        if (bytes == null) {
            error(x, 404, "BLOB_UNKNOWN");
            return;
        }
        if (method.equals("HEAD")) {
            x.getResponseHeaders().set("Docker-Content-Digest", digest);
            x.sendResponseHeaders(200, -1);
            return;
        }
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(blobDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        send(x, 200, tampered.getOrDefault(digest, b -> b).apply(bytes), "application/octet-stream");
    }

    private void upload(HttpExchange x, String method, String repo, String uuid, String query) throws IOException {
        if (method.equals("POST")) {
            String id = UUID.randomUUID().toString();
            uploads.put(id, new ByteArrayOutputStream());
            answerUpload(x, 202, repo, id);
            return;
        }
        ByteArrayOutputStream session = uploads.get(uuid);
        if (session == null) {
            error(x, 404, "BLOB_UPLOAD_UNKNOWN");
            return;
        }
        switch (method) {
            case "PATCH" -> {
                String range = x.getRequestHeaders().getFirst("Content-Range");
                if (range != null && Long.parseLong(range.split("-")[0]) != session.size()) {
                    error(x, 416, "BLOB_UPLOAD_INVALID");
                    return;
                }
                InputStream in = x.getRequestBody();
                if (patches.incrementAndGet() == dropPatch) {
                    long half = Long.parseLong(x.getRequestHeaders().getFirst("Content-Length")) / 2;
                    byte[] part = in.readNBytes((int) half);
                    synchronized (session) {
                        session.write(part, 0, part.length);
                    }
                    patchedBytes += part.length;
                    throw new IllegalStateException("the fake drops this connection"); // no answer at all
                }
                byte[] body = in.readAllBytes();
                synchronized (session) {
                    session.write(body, 0, body.length);
                }
                patchedBytes += body.length;
                answerUpload(x, 202, repo, uuid);
            }
            case "GET" -> answerUpload(x, 204, repo, uuid);
            case "PUT" -> {
                String digest = query.replaceAll(".*digest=([^&]+).*", "$1").replace("%3A", ":");
                byte[] bytes = session.toByteArray();
                if (!Digest.of(bytes).toString().equals(digest)) {
                    error(x, 400, "DIGEST_INVALID");
                    return;
                }
                blobs.put(digest, bytes);
                uploads.remove(uuid);
                x.getResponseHeaders().set("Docker-Content-Digest", digest);
                send(x, 201, new byte[0], null);
            }
            default -> error(x, 405, "UNSUPPORTED");
        }
    }

    private void answerUpload(HttpExchange x, int status, String repo, String id) throws IOException {
        long size = uploads.get(id).size();
        x.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/uploads/" + id);
        x.getResponseHeaders().set("Range", "0-" + Math.max(0, size - 1));
        x.getResponseHeaders().set("Docker-Upload-UUID", id);
        x.sendResponseHeaders(status, -1);
    }

    private static void error(HttpExchange x, int status, String code) throws IOException {
        String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase().replace('_', ' ')
                + "\"}]}";
        send(x, status, body.getBytes(), "application/json");
    }

    private static void send(HttpExchange x, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            x.getResponseHeaders().set("Content-Type", type);
        }
        if (body == null) { // HEAD: the length the GET would have
            x.getResponseHeaders().set("Content-Length", "0");
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
