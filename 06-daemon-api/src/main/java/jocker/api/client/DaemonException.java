package jocker.api.client;

import java.io.IOException;
import jocker.engine.CommandFailure;

/**
 * An error the daemon answered: its HTTP status and its
 * {@code {"message": "…"}}, worded as Docker's CLI prints it
 * ({@code Error response from daemon: …}). The exit status is Docker's: 1
 * for a container that does not exist, 125 for the rest.
 */
public final class DaemonException extends IOException implements CommandFailure {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String daemonMessage;

    DaemonException(int status, String daemonMessage) {
        super("Error response from daemon: " + daemonMessage);
        this.status = status;
        this.daemonMessage = daemonMessage;
    }

    /** The error in an answer of status {@code status}: its JSON message, else its text. */
    static DaemonException of(int status, byte[] body) {
        String message = DaemonClient.text(body);
        try {
            String said = JsonTree.text(JsonTree.at(JsonTree.read(body), "message"), null);
            if (said != null) {
                message = said;
            }
        } catch (IOException notJson) {
            // the text as it came
        }
        return new DaemonException(status, message.isEmpty() ? "HTTP status " + status : message);
    }

    /** The HTTP status: 404 for a missing object, 409 for a conflict … */
    public int status() {
        return status;
    }

    /** The daemon's message, without the prefix. */
    public String daemonMessage() {
        return daemonMessage;
    }

    @Override
    public int exitStatus() {
        return status == 404 && daemonMessage.startsWith("No such container") ? 1 : 125; // 125: Docker's status when the engine, not the container, failed
    }
}
