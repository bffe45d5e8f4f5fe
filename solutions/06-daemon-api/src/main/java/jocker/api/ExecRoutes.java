package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Engine;
import jocker.images.ImageFiles;
import jocker.images.ImageUser;
import jocker.runtime.Stdio;
import jocker.security.UserIds;

/**
 * {@code docker exec}: {@code POST /containers/{id}/exec} makes an
 * instance, {@code POST /exec/{id}/start} runs it on a connection taken over
 * from HTTP, {@code GET /exec/{id}/json} tells its exit code. The process is
 * chapter 2's exec ({@link Engine#startExec}), with pipes that the daemon
 * pumps: without a TTY stdout and stderr share the connection as
 * {@link StreamFrames}, and what the client sends is the process's stdin.
 */
public final class ExecRoutes implements Routes {

    private Engine engine;
    private ContainerStore store;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        engine = router.engine();
        store = engine.store();
        router.add("POST", "/containers/{id}/exec", EngineErrors.mapped(this::create));
        router.add("POST", "/exec/{id}/start", EngineErrors.mapped(this::start));
        router.add("GET", "/exec/{id}/json", EngineErrors.mapped(
                (request, response) -> response.json(200, ExecInstance.get(request.path("id")).json())));
    }

    /** {@code {"Id": …}}. */
    record Created(@JsonProperty("Id") String id) {
    }

    private void create(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        ExecCreateBody body = request.json(ExecCreateBody.class);
        if (body == null || body.cmd() == null || body.cmd().isEmpty()) {
            throw ApiException.badRequest("No exec command specified");
        }
        if (!state.isRunning()) {
            throw ApiException.conflict("Container " + state.id() + " is not running");
        }
        response.json(201, new Created(ExecInstance.create(state.id(), body).id()));
    }

    // tag::start[]
    private void start(ApiRequest request, ApiResponse response) throws Exception {
        ExecInstance exec = ExecInstance.get(request.path("id"));
        ExecStartBody start = request.json(ExecStartBody.class);
        boolean tty = exec.body().tty() || start != null && Boolean.TRUE.equals(start.tty());
        exec.claim();
        if (tty) {
            ExecTty hook = ExecTty.find();
            if (hook == null) {
                throw ApiException.badRequest("this daemon runs exec without a TTY only: leave out -t");
            }
            hook.start(engine, exec, response);
            return;
        }
        Process process = launch(exec);
        if (start != null && Boolean.TRUE.equals(start.detach())) {
            process.getOutputStream().close();
            drain(process.getInputStream(), null, 0);
            drain(process.getErrorStream(), null, 0);
            process.onExit().thenAccept(p -> exec.exited(p.exitValue()));
            response.empty(200);
            return;
        }
        try (ApiResponse.Hijacked connection = response.hijack(true)) {
            OutputStream out = connection.out();
            Thread stdout = drain(process.getInputStream(), exec.body().attachStdout() ? out : null,
                    StreamFrames.STDOUT);
            Thread stderr = drain(process.getErrorStream(), exec.body().attachStderr() ? out : null,
                    StreamFrames.STDERR);
            if (exec.body().attachStdin()) {
                forward(connection.in(), process.getOutputStream());
            } else {
                process.getOutputStream().close();
            }
            int status = process.waitFor();
            stdout.join();
            stderr.join();
            exec.exited(status); // before the stream ends: the client asks for the exit code right then
        }
    }
    // end::start[]

    /** Starts the exec's process on pipes, as its container's user unless the instance names another. */
    private Process launch(ExecInstance exec) throws IOException {
        ExecCreateBody body = exec.body();
        List<String> env = body.env() == null ? List.of() : body.env();
        String workdir = body.workingDir() == null || body.workingDir().isEmpty() ? null : body.workingDir();
        try {
            Process process = engine.startExec(exec.containerId(), body.cmd(), env, workdir,
                    user(exec.containerId(), body.user()), Stdio.pipes());
            exec.running(process.pid());
            return process;
        } catch (IOException | RuntimeException e) {
            exec.exited(126);
            throw e;
        }
    }

    /**
     * {@code User}: numbers, or names looked up in the container's own
     * {@code /etc/passwd} (its root is mounted while it runs); null for the container's user.
     */
    private UserIds user(String containerId, String user) throws IOException {
        if (user == null || user.isEmpty()) {
            return null;
        }
        if (user.matches("[0-9]+(:[0-9]+)?")) {
            return UserIds.parse(user);
        }
        ImageUser found = ImageUser.resolve(user, new ImageFiles(List.of(store.rootfs(containerId))));
        return new UserIds(found.uid(), found.gid());
    }

    /** Copies {@code from} as frames of {@code stream} to {@code to}, or throws it away if {@code to} is null. */
    private static Thread drain(InputStream from, OutputStream to, int stream) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            boolean clientGone = to == null;
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (!clientGone && n > 0) {
                        try {
                            StreamFrames.write(to, stream, buffer, 0, n);
                        } catch (IOException gone) {
                            clientGone = true; // keep reading: a process blocked on a full pipe never ends
                        }
                    }
                }
            } catch (IOException closed) {
                // the process's end of the pipe is gone
            }
        }, "exec-" + (stream == StreamFrames.STDERR ? "stderr" : "stdout"));
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** The client's bytes to the process's stdin, which is closed when the client half-closes. */
    private static void forward(InputStream from, OutputStream to) {
        Thread pump = new Thread(() -> {
            try (to) {
                from.transferTo(to);
            } catch (IOException gone) {
                // the process or the client went away
            }
        }, "exec-stdin");
        pump.setDaemon(true);
        pump.start();
    }
}
