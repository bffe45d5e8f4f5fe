package jocker.stdio;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;

/**
 * The terminal of the user who runs {@code jocker run -it}, changed with
 * stty(1) on jocker's own stdin: raw mode while the container has it (no
 * echo, no line editing, Ctrl-C is a byte for the container's terminal to
 * turn into SIGINT), then the settings it had.
 */
final class UserTerminal {

    private UserTerminal() {
    }

    /** Puts the terminal in raw mode; returns its settings before, or null when stdin is no terminal. */
    static String rawMode() {
        if (System.console() == null) {
            return null;
        }
        String saved = stty("-g");
        if (saved != null) {
            stty("raw", "-echo");
        }
        return saved;
    }

    /** The terminal's rows and columns, or null. */
    static int[] size() {
        String size = System.console() == null ? null : stty("size");
        if (size == null || !size.matches("\\d+ \\d+")) {
            return null;
        }
        String[] parts = size.split(" ");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** Gives the terminal back its settings (from {@link #rawMode()}; null: nothing to do). */
    static void restore(String saved) {
        if (saved != null) {
            stty(saved);
        }
    }

    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process stty = new ProcessBuilder(command).redirectInput(Redirect.INHERIT)
                    .redirectError(Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return stty.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
