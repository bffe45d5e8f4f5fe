package jocker.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import jocker.images.Digest;

/**
 * A chunked, resumable blob upload (OCI distribution spec, "Pushing a blob
 * in chunks"):
 *
 * <pre>
 * POST  /v2/&lt;name&gt;/blobs/uploads/                         → 202, Location: the session
 * PATCH &lt;location&gt;  Content-Range: 0-8388607           → 202, Range: 0-8388607, Location: where next
 * PATCH &lt;location&gt;  Content-Range: 8388608-9999999     → 202, Range: 0-9999999
 * PUT   &lt;location&gt;?digest=sha256:…  (no body)          → 201, Docker-Content-Digest
 * </pre>
 *
 * When a chunk is lost on the way (the connection drops, the registry
 * answers 416 or 5xx), {@code GET <location>} tells how far the registry
 * got ({@code Range}, see {@link UploadRange}), and the upload goes on from
 * there. A session the registry no longer knows is started again.
 */
final class BlobUpload {

    /** 8 MiB: a lost chunk costs little to send again, and few requests are made. */
    static final int CHUNK_BYTES = 8 << 20;
    /** How many lost chunks one blob survives. */
    static final int MAX_RETRIES = 5;

    private final RegistryClient client;
    private final int chunkBytes;
    private int resumed;

    BlobUpload(RegistryClient client, int chunkBytes) {
        this.client = client;
        this.chunkBytes = chunkBytes;
    }

    /** How many times the upload went on after a lost chunk. */
    int resumed() {
        return resumed;
    }

    /** Starts a session: {@code POST …/blobs/uploads/}; returns its location. */
    URI start(String what) throws IOException {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(client.uri("blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), what);
        return location(r, null, what);
    }

    /**
     * Sends {@code file} ({@code size} bytes, digest {@code digest}) to the
     * session at {@code session}, telling {@code progress} the bytes sent so far.
     */
    void upload(URI session, Path file, long size, Digest digest, LongConsumer progress, String what)
            throws IOException {
        URI at = session;
        long offset = 0;
        int failures = 0;
        while (offset < size) {
            long length = Math.min(chunkBytes, size - offset);
            long start = offset;
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(at)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", start + "-" + (start + length - 1))
                        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofByteArrays(chunks(file, start, length,
                                        n -> progress.accept(start + n))), length)),
                        HttpResponse.BodyHandlers.discarding(), what);
                at = location(r, at, what);
                offset = r.headers().firstValue("Range").map(UploadRange::nextOffset).orElse(start + length);
            } catch (IOException e) {
                if (!lostOnTheWay(e) || ++failures > MAX_RETRIES) {
                    throw e;
                }
                URI[] where = {at};
                offset = status(where, what);
                at = where[0];
                resumed++;
            }
            progress.accept(offset);
        }
        String query = (at.getRawQuery() == null ? "?" : "&") + "digest=" + digest;
        HttpResponse<Void> done = client.send(HttpRequest.newBuilder(URI.create(at + query))
                .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), what);
        String stored = done.headers().firstValue("Docker-Content-Digest").orElse(digest.toString());
        if (!stored.equals(digest.toString())) {
            throw new IOException(what + ": the registry stored " + stored + ", not " + digest);
        }
    }

    /** A failure that a look at the session's status can recover from: not a refusal such as 401 or 404. */
    private static boolean lostOnTheWay(IOException e) {
        return !(e instanceof RegistryException r) || r.status() == 416 || r.status() >= 500;
    }

    /**
     * {@code GET <location>}: how far the registry got (its {@code Range});
     * {@code where[0]} becomes the location it answers. A session it no
     * longer knows (distribution forgets one whose chunk was torn) is
     * replaced by a new one, from offset 0.
     */
    private long status(URI[] where, String what) throws IOException {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(where[0]).GET(),
                    HttpResponse.BodyHandlers.discarding(), what + ": upload status");
            where[0] = location(r, where[0], what);
            return UploadRange.nextOffset(r.headers().firstValue("Range").orElse(null));
        } catch (RegistryException gone) {
            if (gone.status() != 404 && gone.status() != 400) {
                throw gone;
            }
            where[0] = start(what);
            return 0;
        }
    }

    private URI location(HttpResponse<?> r, URI current, String what) throws IOException {
        String location = r.headers().firstValue("Location").orElse(null);
        if (location == null) {
            if (current == null) {
                throw new IOException(what + ": the registry started an upload but sent no Location");
            }
            return current;
        }
        return client.resolve(location);
    }

    /**
     * Bytes {@code start} to {@code start + length} of {@code file}, read
     * 64 KiB at a time as the request body is sent; {@code sent} hears the
     * count handed over so far, which makes the progress bar move.
     */
    private static Iterable<byte[]> chunks(Path file, long start, long length, LongConsumer sent) {
        return () -> new Iterator<>() {
            private long done;

            @Override
            public boolean hasNext() {
                return done < length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 16, length - done));
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, start + done + buf.position()) < 0) {
                            throw new IOException(file + " is shorter than " + (start + length) + " bytes");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done += buf.capacity();
                sent.accept(done);
                return buf.array();
            }
        };
    }
}
