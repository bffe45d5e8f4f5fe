package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jocker.runtime.InitLauncher;
import jocker.runtime.Container;
import jocker.runtime.ExitStatus;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * Test support: runs the chapter's init and collects what it did. A probe in
 * the jail reports; the tests check what it reports and what the kernel shows
 * about it from outside ({@code /proc/<pid>}).
 *
 * <p>It starts the init with its own {@link ProcessBuilder} rather than
 * {@link Container#start}, so that the tests of exercises 1.1 and 1.2 do not
 * depend on exercise 1.3, and reads the raw exit value rather than an
 * {@link ExitStatus}, so that only the tests of 1.4 depend on 1.4.
 */
final class Jail {

    /** How long any container in these tests may run. */
    static final long TIMEOUT_SECONDS = 15;

    private final Path stateRoot;
    private final InitLauncher launcher;

    Jail(Path stateRoot) {
        this.stateRoot = stateRoot;
        this.launcher = InitLauncher.forThisJvm(stateRoot);
    }

    /** What a finished container left: its exit value and its two output streams. */
    record Result(int exitValue, String out, String err) {
        /** How the command ended, decoded by exercise 1.4. */
        ExitStatus status() {
            return ExitStatus.fromExitValue(exitValue);
        }

        /** For assertion messages: the student sees what the init said. */
        String describe() {
            return "container exit value " + exitValue + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** Runs {@code config} to the end with stdin empty and stdout, stderr to files. */
    Result run(Spec config) throws Exception {
        Path out = Files.createTempFile(stateRoot, "stdout", ".txt");
        Path err = Files.createTempFile(stateRoot, "stderr", ".txt");
        Process p = start(config, Redirect.from(new java.io.File("/dev/null")), Redirect.to(out.toFile()),
                Redirect.to(err.toFile()));
        try {
            boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(ended).as("the container ended within %d s", TIMEOUT_SECONDS).isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    private Process start(Spec config, Redirect in, Redirect out, Redirect err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.commandLine(bundle(stateRoot, config)));
        builder.environment().clear();
        return builder.redirectInput(in).redirectOutput(out).redirectError(err).start();
    }

    /**
     * A container that prints {@code ready} and then waits for its stdin to
     * close, so a test can look at it from outside while it runs.
     */
    final class Running implements AutoCloseable {
        private final Process process;
        private final BufferedReader stdout;
        private final Path stderr;

        Running(Spec config) throws IOException {
            stderr = Files.createTempFile(stateRoot, "stderr", ".txt");
            process = start(config, Redirect.PIPE, Redirect.PIPE, Redirect.to(stderr.toFile()));
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Waits until the command has printed {@code ready}: it is running, past execve. */
        Running awaitReady() throws IOException {
            assertThat(stdout.readLine())
                    .as(() -> "the container's first line; its stderr said: " + readQuietly(stderr))
                    .isEqualTo("ready");
            return this;
        }

        /** The command's next line of output. */
        String nextLine() throws IOException {
            return stdout.readLine();
        }

        long pid() {
            return process.pid();
        }

        /** Closes stdin, so {@code read} sees end of file and the command exits; returns its exit value. */
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

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    Running start(Spec config) throws IOException {
        return new Running(config);
    }

    /** A new bundle directory under {@code parent} whose config.json is {@code spec}. */
    static Path bundle(Path parent, Spec spec) throws IOException {
        Path dir = Files.createTempDirectory(parent, "bundle");
        Bundle.write(dir, spec);
        return dir;
    }

    /** {@code sh -c script} in {@code rootfs}. */
    static Spec sh(Path rootfs, String script) {
        return Spec.of(rootfs, List.of("sh", "-c", script));
    }

    /** A command that says it is ready, then waits for stdin to close. */
    static Spec waiting(Path rootfs) {
        return sh(rootfs, "echo ready; read line; exit 0");
    }
}
