package jocker.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jocker.linux.Kernel;
import jocker.runtime.InitLauncher;

/**
 * The process that watches a detached container ({@code jocker run -d}):
 * the container's parent, which outlives the {@code jocker} command that
 * started it. It leaves the terminal's session first, so that the terminal's
 * signals (Ctrl-C, hang-up) no longer reach it or the container.
 *
 * <p>Arguments: {@code <state root> <container id>}. The container's output
 * goes to the container's log (from chapter 6 through a {@link StdioRelay}); the shim's own errors go to its stderr, a pipe
 * to the {@code jocker run -d} that waits for the start, and to the log.
 */
public final class Shim {

    private Shim() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String id = args[1];
        Kernel.setsid();
        ContainerStore store = new ContainerStore(root);
        File log = store.log(id).toFile();
        int status;
        try {
            StdioRelay.Session streams = StdioRelay.forDetached(store, id);
            status = Monitor.run(store, id, streams, InitLauncher.forThisJvm(root).withProperty(Chapters.PROPERTY, Integer.toString(Chapters.upTo())));
        } catch (Exception e) {
            // The monitor has recorded the failure (status 125) if it could.
            report(log, "jocker-shim: " + e.getMessage());
            status = 125;
        }
        System.exit(status);
    }

    /**
     * Says why the shim failed: on stderr, a pipe that {@code jocker run -d}
     * reads while it waits for the start (it reaches jocker even when the
     * file system is full), and in the log, for {@code jocker logs} later.
     */
    private static void report(File log, String message) {
        System.err.println(message);
        try {
            Files.writeString(log.toPath(), message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException full) {
            // stderr has it
        }
    }
}
