package jocker.registry.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jocker.course.HostCommand;
import org.junit.jupiter.api.Assumptions;

/** Test support: users files made by the real {@code htpasswd} (Debian's apache2-utils). */
public final class RegistryAuthFixtures {

    private RegistryAuthFixtures() {
    }

    /** Skips the test, saying why, when {@code htpasswd} is not on PATH. */
    public static void assumeHtpasswd() {
        Assumptions.assumeTrue(onPath("htpasswd"), "no htpasswd on PATH: install Debian's apache2-utils");
    }

    /** Whether {@code command} is an executable on PATH. */
    public static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, command)));
    }

    /** Writes {@code file} with one bcrypt entry per user/password pair, as {@code htpasswd -Bbn} prints them. */
    public static Path htpasswd(Path file, String... userPasswordPairs) throws Exception {
        assumeHtpasswd();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < userPasswordPairs.length; i += 2) {
            lines.append(HostCommand.run("htpasswd", "-Bbn", userPasswordPairs[i], userPasswordPairs[i + 1]).strip())
                    .append('\n');
        }
        return Files.writeString(file, lines);
    }
}
