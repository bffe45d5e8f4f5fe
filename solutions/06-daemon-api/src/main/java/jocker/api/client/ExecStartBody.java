package jocker.api.client;

import java.io.IOException;

/** The body of {@code POST /exec/{id}/start}: {@code {"Detach": false, "Tty": false}}. */
record ExecStartBody(boolean detach, boolean tty) {

    /** The body as the daemon reads it. */
    byte[] json() throws IOException {
        return JsonTree.write("Detach", detach, "Tty", tty);
    }
}
