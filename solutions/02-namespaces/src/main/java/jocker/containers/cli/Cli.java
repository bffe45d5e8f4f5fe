package jocker.containers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What chapter 2's commands share. */
final class Cli {

    private Cli() {
    }

    static void requireRoot() throws IOException {
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
            throw new IllegalStateException("containers need root: unshare(2), mount(2) and pivot_root(2) require"
                    + " CAP_SYS_ADMIN (try sudo)");
        }
    }
}
