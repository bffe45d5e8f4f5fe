package jocker.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import jocker.engine.Engine;
import jocker.runtime.Stdio;
import jocker.stdio.ExecTerminals;
import jocker.stdio.Terminal;

/**
 * {@code docker exec -t}: the exec's process makes its own terminal from the
 * container's {@code /dev/ptmx}, as a container's init does
 * ({@code TerminalStep}); the daemon, its parent, takes the master and relays
 * it raw on the connection, and {@code POST /exec/{id}/resize} resizes it.
 */
public final class TerminalExec implements ExecTty {

    @Override
    public void start(Engine engine, ExecInstance exec, ApiResponse response) throws Exception {
        ExecCreateBody body = exec.body();
        List<String> env = body.env() == null ? List.of() : body.env();
        String workdir = body.workingDir() == null || body.workingDir().isEmpty() ? null : body.workingDir();
        Process process;
        Terminal terminal;
        try {
            process = engine.startExec(exec.containerId(), body.cmd(), env, workdir, null, Stdio.pipes(), true);
            exec.running(process.pid());
            terminal = Terminal.take(process);
        } catch (IOException | RuntimeException e) {
            exec.exited(126);
            throw e;
        }
        if (terminal == null) { // the exec failed before it had a terminal: say why
            try (ApiResponse.Hijacked connection = response.hijack(false)) {
                process.getErrorStream().transferTo(connection.out());
                exec.exited(process.waitFor());
            }
            return;
        }
        try (ApiResponse.Hijacked connection = response.hijack(false)) {
            OutputStream out = connection.out();
            ExecTerminals.register(exec.id(), terminal);
            Thread input = pump(connection.in(), terminal.input());
            try {
                InputStream from = terminal.output();
                byte[] buffer = new byte[8192];
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException clientGone) {
                // the process runs on to its end
            }
            exec.exited(process.waitFor());
            input.interrupt();
        } finally {
            ExecTerminals.forget(exec.id());
            terminal.close();
        }
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException gone) {
                // the client or the process went away
            }
        }, "exec-tty-stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
