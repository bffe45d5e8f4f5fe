package jocker.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Test support: the {@code jocker} command as a user runs it, in a JVM of its
 * own on the test's class path (the workspace's code, or the reference's),
 * with its real exit status and output.
 *
 * @param status the exit status
 * @param out    what it wrote to stdout
 * @param err    what it wrote to stderr
 */
public record JockerCommand(int status, String out, String err) {

    /** How long one command may take. */
    static final long TIMEOUT_SECONDS = 60;

    /** Runs {@code jocker --root <root> args...}; its output files go in {@code root}. */
    public static JockerCommand run(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jocker.cli.Jocker", "--root", root.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Assertions.assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    () -> "jocker " + String.join(" ", args) + " still running after " + TIMEOUT_SECONDS + " s");
            return new JockerCommand(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }
}
