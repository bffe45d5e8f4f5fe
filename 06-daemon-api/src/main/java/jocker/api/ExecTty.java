package jocker.api;

import java.util.ServiceLoader;
import jocker.engine.Engine;

/**
 * Runs an exec with {@code "Tty": true}: the process gets a pseudo-terminal,
 * and its bytes travel raw. The terminal is the standard streams' concern,
 * so this is a hook ({@code META-INF/services/jocker.api.ExecTty}) that the
 * daemon's TTY support fills; {@code /exec/{id}/resize} belongs with it.
 */
public interface ExecTty {

    /** Starts {@code exec} on a pseudo-terminal and serves it on {@code response} until it ends. */
    void start(Engine engine, ExecInstance exec, ApiResponse response) throws Exception;

    /** The hook, or null when this daemon has none. */
    static ExecTty find() {
        return ServiceLoader.load(ExecTty.class).findFirst().orElse(null);
    }
}
