package jocker.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.api.ApiRequest;
import jocker.api.ApiResponse;
import jocker.distribution.ErrorCode;
import jocker.distribution.Scope;
import jocker.images.Digest;
import jocker.registry.auth.Access;

/**
 * Blobs and their uploads (OCI distribution spec, "Pulling blobs", "Pushing
 * blobs"):
 *
 * <pre>
 * HEAD/GET  /v2/NAME/blobs/DIGEST           200 (206 for a Range), Docker-Content-Digest
 * DELETE    /v2/NAME/blobs/DIGEST           202: out of the repository; gc frees the bytes
 * POST      /v2/NAME/blobs/uploads/         202 + Location: a session; ?digest=: the whole blob in one go (201)
 * POST      /v2/NAME/blobs/uploads/?mount=DIGEST&amp;from=OTHER   201 when OTHER has it, else a session (202)
 * PATCH     /v2/NAME/blobs/uploads/UUID     202 + Range: a chunk appended
 * PUT       /v2/NAME/blobs/uploads/UUID?digest=DIGEST   201: the last chunk, checked, stored
 * GET       /v2/NAME/blobs/uploads/UUID     204 + Range: where to resume
 * DELETE    /v2/NAME/blobs/uploads/UUID     204: cancelled
 * </pre>
 */
final class Blobs {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final RegistryStorage storage;
    private final Uploads uploads;
    private final Access access;

    Blobs(RegistryStorage storage, Uploads uploads, Access access) {
        this.storage = storage;
        this.uploads = uploads;
        this.access = access;
    }

    void blob(ApiRequest request, ApiResponse response, String name, String reference) throws IOException {
        Digest digest = Names.digest(reference);
        if (!storage.hasBlob(name, digest)) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in " + name,
                    digest.toString());
        }
        switch (request.method()) {
            case "GET", "HEAD" -> serve(request, response, digest);
            case "DELETE" -> {
                storage.unlink(name, digest);
                response.empty(202);
            }
            default -> throw unsupported(request);
        }
    }

    /** The blob's bytes, or the part a {@code Range: bytes=START-END} asks for (206). */
    private void serve(ApiRequest request, ApiResponse response, Digest digest) throws IOException {
        Path file = storage.blob(digest);
        long size = Files.size(file);
        response.header("Docker-Content-Digest", digest.toString())
                .header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + digest + "\"");
        String range = request.header("Range");
        if (range == null) {
            response.file(200, "application/octet-stream", file, 0, size);
            return;
        }
        Matcher m = RANGE.matcher(range.trim());
        long start = -1;
        long end = -1;
        if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) { // bytes=-N: the last N bytes
                start = Math.max(0, size - Long.parseLong(m.group(2)));
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
        }
        if (start < 0 || start > end || start >= size) {
            response.header("Content-Range", "bytes */" + size);
            throw new RegistryException(ErrorCode.RANGE_INVALID, "cannot serve Range " + range + " of a blob of "
                    + size + " bytes", range);
        }
        response.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        response.file(206, "application/octet-stream", file, start, end - start + 1);
    }

    /** {@code POST …/blobs/uploads/}: a mount, a whole blob, or a new session. */
    void startUpload(ApiRequest request, ApiResponse response, String name) throws IOException {
        if (!request.method().equals("POST")) {
            throw unsupported(request);
        }
        String mount = request.query("mount");
        String from = request.query("from");
        if (mount != null && from != null && mount(request, name, Names.digest(mount), from)) {
            created(response, name, Digest.parse(mount));
            return;
        }
        String digest = request.query("digest");
        String uuid = uploads.start(name);
        if (digest != null) {
            Digest expected = Names.digest(digest);
            uploads.finish(name, uuid, request.body(), expected);
            created(response, name, expected);
            return;
        }
        accepted(response, name, uuid, 0, 202);
    }

    /**
     * Links blob {@code digest} of repository {@code from} into {@code name}
     * without a byte sent, when {@code from} has it and the client may pull
     * from there; false otherwise (the client then uploads it).
     */
    private boolean mount(ApiRequest request, String name, Digest digest, String from) throws IOException {
        if (!Names.NAME.matcher(from).matches() || !storage.hasBlob(from, digest)) {
            return false;
        }
        if (!access.check(request.header("Authorization"), Scope.repository(from, Scope.PULL)).allowed()) {
            return false;
        }
        if (!storage.touch(digest)) {
            return false;
        }
        storage.link(name, digest);
        return true;
    }

    /** The verbs on one session. */
    void upload(ApiRequest request, ApiResponse response, String name, String uuid) throws IOException {
        switch (request.method()) {
            case "PATCH" -> {
                long size = uploads.append(name, uuid, request.header("Content-Range"), length(request),
                        request.body());
                accepted(response, name, uuid, size, 202);
            }
            case "PUT" -> {
                Digest expected = Names.digest(request.query("digest"));
                uploads.finish(name, uuid, request.body(), expected);
                created(response, name, expected);
            }
            case "GET" -> accepted(response, name, uuid, uploads.size(name, uuid), 204);
            case "DELETE" -> {
                uploads.cancel(name, uuid);
                response.empty(204);
            }
            default -> throw unsupported(request);
        }
    }

    private static long length(ApiRequest request) {
        String length = request.header("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, "bad Content-Length: " + length, length);
        }
    }

    /** 201 Created: the blob is stored under {@code digest}. */
    private static void created(ApiResponse response, String name, Digest digest) throws IOException {
        response.header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString())
                .empty(201);
    }

    /** A session's state: where to send the next chunk and what it has ({@code Range: 0-LAST}). */
    private static void accepted(ApiResponse response, String name, String uuid, long size, int status)
            throws IOException {
        response.header("Location", "/v2/" + name + "/blobs/uploads/" + uuid)
                .header("Range", "0-" + Math.max(0, size - 1))
                .header("Docker-Upload-UUID", uuid)
                .empty(status);
    }

    static RegistryException unsupported(ApiRequest request) {
        return new RegistryException(ErrorCode.UNSUPPORTED, request.method() + " " + request.path()
                + " is not supported", null);
    }
}
