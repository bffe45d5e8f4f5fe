package jocker.engine;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import jocker.linux.Kernel;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;

/**
 * The process that watches a detached container ({@code jocker run -d}):
 * the container's parent, which outlives the {@code jocker} command that
 * started it. It leaves the terminal's session first, so that the terminal's
 * signals (Ctrl-C, hang-up) no longer reach it or the container.
 *
 * <p>Arguments: {@code <state root> <container id>}. Its own output, and the
 * container's, go to the container's log.
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
        Stdio stdio = new Stdio(Redirect.from(new File("/dev/null")), Redirect.appendTo(log), Redirect.appendTo(log));
        int status;
        try {
            status = Monitor.run(store, id, stdio, InitLauncher.forThisJvm(root).withProperty(Chapters.PROPERTY, Integer.toString(Chapters.upTo())));
        } catch (Exception e) {
            // The monitor has recorded the failure (status 125); the log says why.
            System.err.println("jocker-shim: " + e.getMessage());
            status = 125;
        }
        System.exit(status);
    }
}
