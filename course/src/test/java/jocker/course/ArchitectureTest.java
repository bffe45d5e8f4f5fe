package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference code's shape, as the project promises it: the command line
 * is a front end that nothing else depends on (so that chapter 6's daemon can
 * serve the same engine), and every native binding lives in jocker.linux.
 */
@DisplayName("The reference code's architecture")
class ArchitectureTest {

    private static List<Path> sources() throws IOException {
        String root = System.getProperty("jocker.source.root");
        assumeTrue(root != null, "requires -Djocker.source.root (set by the build) to find solutions/");
        try (Stream<Path> files = Files.walk(Path.of(root, "solutions"))) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList();
        }
    }

    @Test
    @DisplayName("no class outside jocker.cli imports jocker.cli: engine, runtime and concepts know no command line")
    void nothingImportsTheCli() throws IOException {
        List<Path> sources = sources();
        assertThat(sources).hasSizeGreaterThan(50);
        List<String> offenders = sources.stream()
                .filter(p -> !p.toString().contains("/src/main/java/jocker/cli/"))
                .filter(p -> read(p).lines().anyMatch(l -> l.startsWith("import jocker.cli.")
                        || l.startsWith("import static jocker.cli.")))
                .map(Path::toString).toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    @DisplayName("every native binding (JNA Native.load) is in jocker.linux")
    void nativeBindingsInOnePlace() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> !p.toString().contains("/src/main/java/jocker/linux/"))
                .filter(p -> read(p).contains("Native.load("))
                .map(Path::toString).toList();
        assertThat(offenders).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
