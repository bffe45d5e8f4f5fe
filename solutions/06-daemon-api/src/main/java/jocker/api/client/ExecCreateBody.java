package jocker.api.client;

import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec}:
 * <pre>{@code {"AttachStdout": true, "AttachStderr": true, "Cmd": ["hostname"], "Env": ["A=1"],
 *  "WorkingDir": "/tmp", "User": "1000:1000"}}</pre>
 * (Engine API v1.41, ContainerExec); null fields are left out: the container's.
 */
record ExecCreateBody(
        boolean attachStdout,
        boolean attachStderr,
        boolean tty,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user) {
    /** The body as the daemon reads it: Docker's field names, null fields left out. */
    byte[] json() throws IOException {
        return JsonTree.write("AttachStdout", attachStdout, "AttachStderr", attachStderr, "Tty", tty, "Cmd", cmd,
                "Env", env, "WorkingDir", workingDir, "User", user);
    }
}
