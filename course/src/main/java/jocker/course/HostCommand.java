package jocker.course;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Test support: a command of the host ({@code ipcs}, {@code stat},
 * {@code mknod}, {@code runc}), to look at or prepare what the code under
 * test works on without going through that code.
 */
public final class HostCommand {

    /** How long one command may take. */
    static final long TIMEOUT_SECONDS = 30;

    private HostCommand() {
    }

    /**
     * Runs {@code command} with stdin empty and returns its output, stdout
     * and stderr together; fails the test unless it exits 0 in time.
     */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(Redirect.from(new File("/dev/null"))).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assertions.assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    () -> String.join(" ", command) + " still running after " + TIMEOUT_SECONDS + " s");
            Assertions.assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
