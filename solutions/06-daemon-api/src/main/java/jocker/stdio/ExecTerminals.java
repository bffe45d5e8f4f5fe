package jocker.stdio;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The terminals of the execs the daemon relays ({@code docker exec -t}),
 * by exec ID, for {@code POST /exec/{id}/resize}. An exec's process is the
 * daemon's child, so the daemon holds its master itself (no shim between).
 */
public final class ExecTerminals {

    /** How long a resize waits for the terminal of an exec being started: the CLI resizes right after start. */
    private static final Duration START_WAIT = Duration.ofSeconds(5);

    private static final Map<String, Terminal> TERMINALS = new ConcurrentHashMap<>();

    private ExecTerminals() {
    }

    public static void register(String execId, Terminal terminal) {
        TERMINALS.put(execId, terminal);
    }

    public static void forget(String execId) {
        TERMINALS.remove(execId);
    }

    /** Resizes the exec's terminal; false when it has none (no TTY, or it ended). */
    public static boolean resize(String execId, int rows, int columns) throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        Terminal terminal = TERMINALS.get(execId);
        while (terminal == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            terminal = TERMINALS.get(execId);
        }
        if (terminal == null) {
            return false;
        }
        terminal.resize(rows, columns);
        return true;
    }
}
