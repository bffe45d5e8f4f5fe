package jocker.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs skopeo (Debian's package), the real client the registry must serve; skips the test without it. */
final class Skopeo {

    /** What a run printed and how it ended. */
    record Result(int exit, String out) {
    }

    private Skopeo() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("skopeo"), "needs skopeo on PATH");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, command).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** {@code skopeo ARGS…} with its own temporary policy (accept anything), stderr merged into out. */
    static Result run(Path policyDir, String... args) throws IOException, InterruptedException {
        Path policy = policyDir.resolve("policy.json");
        java.nio.file.Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        List<String> command = new ArrayList<>(List.of("skopeo", "--policy", policy.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new IOException("skopeo " + String.join(" ", args) + " ran past 120 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
