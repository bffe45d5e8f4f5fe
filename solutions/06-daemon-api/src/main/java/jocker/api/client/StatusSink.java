package jocker.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The body of {@code POST /containers/{id}/wait}, which comes when the
 * container exits: {@code {"StatusCode": 3, "Error": null}}; or, when the
 * wait itself failed, {@code {"StatusCode": …, "Error": {"Message": "…"}}}.
 */
final class StatusSink implements BodySink {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void accept(byte[] data, int offset, int length) {
        body.write(data, offset, length);
    }

    /** The container's exit status; throws if the daemon said the wait failed. */
    int exitStatus() throws IOException {
        Object json = JsonTree.read(body.toByteArray());
        String error = JsonTree.text(JsonTree.at(json, "Error", "Message"), "");
        if (!error.isEmpty()) {
            throw new IOException("Error waiting for container: " + error);
        }
        if (!(JsonTree.at(json, "StatusCode") instanceof Number status)) {
            throw new IOException("the daemon's wait answered no StatusCode: " + DaemonClient.text(body.toByteArray()));
        }
        return status.intValue();
    }
}
