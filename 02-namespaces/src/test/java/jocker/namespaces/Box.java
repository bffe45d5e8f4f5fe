package jocker.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jocker.runtime.Init;
import jocker.spec.Bundle;
import jocker.spec.Spec;
import jocker.runtime.InitLauncher;

/**
 * Test support: runs a container in new namespaces and collects what it did.
 * The command reports from inside; the tests also look from outside
 * ({@code /proc/<pid>/ns}, the host's mount table).
 */
final class Box {

    static final long TIMEOUT_SECONDS = 20;

    private final Path stateRoot;
    private final InitLauncher launcher;

    /** Boxes started with {@code mainClass} as their init: chapter 2's, or a test's probe. */
    Box(Path stateRoot, Class<?> mainClass) {
        this.stateRoot = stateRoot;
        this.launcher = InitLauncher.forThisJvm(stateRoot).withMainClass(mainClass);
    }

    /** Chapter 2's init. */
    Box(Path stateRoot) {
        this(stateRoot, Init.class);
    }

    record Result(int exitValue, String out, String err) {
        String describe() {
            return "container exit value " + exitValue + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** Writes a bundle of chapter 2's spec for {@code config} and starts it, as the engine does. */
    private Process start(Spec config, String hostname, Redirect in, Redirect out, Redirect err)
            throws IOException {
        NamespacesFeature.configure(config, hostname);
        Path bundle = Files.createTempDirectory(stateRoot, "bundle");
        Bundle.write(bundle, config);
        ProcessBuilder builder = new ProcessBuilder(launcher.commandLine(bundle));
        builder.environment().clear();
        builder.redirectInput(in).redirectOutput(out).redirectError(err);
        // Every namespace from the parent, the cgroup namespace too, so that exercise 2.1's tests
        // see NamespacedStart alone (the engine leaves the cgroup namespace to the init, see Namespace.BY_PARENT).
        return NamespacedStart.start(builder, Namespace.ALL);
    }

    Result run(Spec config) throws Exception {
        return run(config, "box");
    }

    Result run(Spec config, String hostname) throws Exception {
        Path out = Files.createTempFile(stateRoot, "stdout", ".txt");
        Path err = Files.createTempFile(stateRoot, "stderr", ".txt");
        Process p = start(config, hostname, Redirect.from(new File("/dev/null")), Redirect.to(out.toFile()),
                Redirect.to(err.toFile()));
        try {
            assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the container ended in time").isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    /** A container that prints {@code ready}, then waits for its stdin to close. */
    final class Running implements AutoCloseable {
        private final Process process;
        private final BufferedReader stdout;
        private final Path stderr;

        Running(Spec config) throws IOException {
            stderr = Files.createTempFile(stateRoot, "stderr", ".txt");
            process = start(config, "box", Redirect.PIPE, Redirect.PIPE, Redirect.to(stderr.toFile()));
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Running awaitReady() throws IOException {
            assertThat(stdout.readLine())
                    .as(() -> "the container's first line; its stderr said: " + read(stderr))
                    .isEqualTo("ready");
            return this;
        }

        String nextLine() throws IOException {
            return stdout.readLine();
        }

        long pid() {
            return process.pid();
        }

        int finish() throws Exception {
            process.getOutputStream().close();
            assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    Running start(Spec config) throws IOException {
        return new Running(config);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static Spec sh(Path rootfs, String script) {
        return Spec.of(rootfs, List.of("sh", "-c", script));
    }

    /** {@code script}, then {@code ready}, then wait for stdin to close. */
    static Spec waiting(Path rootfs, String script) {
        return sh(rootfs, script + "; echo ready; read line; exit 0");
    }

    /** Runs a host command and returns its output; fails the test if it fails. */
    static String host(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
