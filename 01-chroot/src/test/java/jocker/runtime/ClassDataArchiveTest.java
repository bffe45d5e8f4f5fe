package jocker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The init started with {@link InitLauncher#startOptions} maps its classes
 * from the class-data archive the build made for this JDK
 * ({@code solutions/dist}, see {@code src/main/sh/cds.sh}), and says nothing
 * about it on its output, which is the container's. Needs {@code ./mvnw
 * package} first: the archive is of the jars in {@code solutions/dist/target/lib}.
 */
class ClassDataArchiveTest {

    private static final Path DIST = Path.of("..", "dist", "target").toAbsolutePath().normalize();

    @Test
    void theInitLoadsItsClassesFromTheBuildsArchive() throws Exception {
        Path archive = archive();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(InitLauncher.startOptions(archive.toString(), Runtime.version().feature()));
        // Init with no bundle: it says how to use it and exits 125, having loaded its class.
        Path log = Files.createTempFile("class-load", ".log");
        cmd.addAll(List.of("-Xlog:class+load=info:file=" + log, "-cp", DIST.resolve("lib") + "/*",
                Init.class.getName()));
        try {
            Process init = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(125, init.waitFor(), output);
            assertEquals("jocker-init: usage: Init <bundle directory>", output.strip(), "only the init's own words");
            assertTrue(Files.readAllLines(log).stream().anyMatch(line ->
                    line.contains(" jocker.runtime.Init source: shared objects file")), "Init from the archive");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The archive ./jocker would use with this JDK; skips the test when the build made none. */
    private static Path archive() {
        String version = System.getProperty("java.runtime.version");
        Path archive = DIST.resolve("cds").resolve(version)
                .resolve(Runtime.version().feature() >= 24 ? "jocker.aot" : "jocker.jsa");
        assumeTrue(Files.isRegularFile(archive),
                "no class-data archive for this JDK at " + archive + ": run ./mvnw package first");
        return archive;
    }
}
