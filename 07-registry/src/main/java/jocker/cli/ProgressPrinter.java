package jocker.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jocker.distribution.Progress;
import jocker.distribution.ProgressBar;

/**
 * Prints a pull's or a push's {@link Progress} as the docker CLI does. On
 * a terminal, one line per layer, redrawn in place: the cursor goes up to
 * the layer's line ({@code ESC [ n A}), the line is erased ({@code ESC [ 2K})
 * and written again, and the cursor goes back down ({@code ESC [ n B}).
 * Elsewhere (a pipe, a file, a CI log) there is nothing to redraw: a line
 * per change of state, without bars.
 */
final class ProgressPrinter implements Progress {

    /** Redraws of one layer's counts at most this often; a change of state is drawn at once. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Integer> rows = new LinkedHashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, Long> drawn = new HashMap<>();

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void layer(String id, String status, long current, long total) {
        boolean changed = !status.equals(states.put(id, status));
        if (!terminal) {
            if (changed) {
                out.println(id + ": " + status);
            }
            return;
        }
        long now = System.nanoTime();
        Long last = drawn.get(id);
        if (!changed && last != null && now - last < REDRAW_NANOS && current < total) {
            return;
        }
        drawn.put(id, now);
        String text = id + ": " + ProgressBar.line(status, current, total);
        Integer row = rows.get(id);
        if (row == null) {
            rows.put(id, rows.size());
            out.print("\033[2K" + text + "\n");
        } else {
            int up = rows.size() - row;
            out.print("\033[" + up + "A\033[2K\r" + text + "\r\033[" + up + "B");
        }
        out.flush();
    }

    @Override
    public synchronized void line(String text) {
        rows.clear(); // as the docker CLI: layer lines above a plain line are not redrawn any more
        out.println(text);
        out.flush();
    }
}
