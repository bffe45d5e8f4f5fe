package jocker.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        ContainerResult result = ContainerRun.runToEnd(new ProcessBuilder(cmd), ProcessBuilder::start, root,
                Duration.ofSeconds(TIMEOUT_SECONDS), "jocker " + String.join(" ", args));
        return new JockerCommand(result.exitValue(), result.out(), result.err());
    }

    /**
     * {@code jocker rm -f} for every container {@code jocker ps -a} lists,
     * running or not, so that nothing of a test outlives it. Nothing to do,
     * and no JVM started, while {@code root} has no {@code containers}
     * directory: no container was ever made there.
     */
    public static void removeAll(Path root) throws IOException, InterruptedException {
        if (!Files.isDirectory(root.resolve("containers"))) {
            return;
        }
        for (String id : run(root, "ps", "-a", "-q").out().lines().toList()) {
            run(root, "rm", "-f", id);
        }
    }
}
