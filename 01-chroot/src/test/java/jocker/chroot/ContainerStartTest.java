package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.runtime.InitLauncher;
import jocker.runtime.Container;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.3: starting the init and wiring its streams")
class ContainerStartTest {

    @TempDir
    static Path state;
    static Path rootfs;
    static InitLauncher launcher;

    @BeforeAll
    static void setUp() {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        launcher = InitLauncher.forThisJvm(state);
    }

    @Test
    @Graded(exercise = "1.3", points = 3)
    @DisplayName("stdout and stderr arrive separately, each where it was sent")
    void outputStreamsAreSeparate() throws Exception {
        Path out = state.resolve("separate.out");
        Path err = state.resolve("separate.err");
        Container c = Container.start(Jail.bundle(state, Jail.sh(rootfs, "echo to-out; echo to-err >&2; echo more-out")),
                new Stdio(Redirect.from(new File("/dev/null")), Redirect.to(out.toFile()), Redirect.to(err.toFile())),
                launcher);
        try {
            assertThat(c.process().waitFor(Jail.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThat(Files.readString(out)).as("stdout (stderr: %s)", Files.readString(err))
                    .isEqualTo("to-out\nmore-out\n");
            assertThat(Files.readString(err)).isEqualTo("to-err\n");
            assertThat(c.process().exitValue()).isZero();
        } finally {
            c.process().destroyForcibly();
        }
    }

    @Test
    @Graded(exercise = "1.3", points = 2)
    @DisplayName("stdin reaches the command: cat copies it to stdout")
    void stdinReachesTheCommand() throws Exception {
        Path out = state.resolve("cat.out");
        Container c = Container.start(Jail.bundle(state, Spec.of(rootfs, List.of("cat"))),
                new Stdio(Redirect.PIPE, Redirect.to(out.toFile()), Redirect.INHERIT), launcher);
        try {
            c.process().getOutputStream().write("through the pipe\n".getBytes(StandardCharsets.UTF_8));
            c.process().getOutputStream().close();
            assertThat(c.process().waitFor(Jail.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThat(Files.readString(out)).isEqualTo("through the pipe\n");
            assertThat(c.process().exitValue()).isZero();
        } finally {
            c.process().destroyForcibly();
        }
    }

    @Test
    @Graded(exercise = "1.3", points = 2)
    @DisplayName("the init becomes the command: the shell's $$ is the PID the parent started")
    void commandKeepsTheInitsPid() throws Exception {
        Container c = Container.start(Jail.bundle(state, Jail.sh(rootfs, "echo $$")),
                new Stdio(Redirect.from(new File("/dev/null")), Redirect.PIPE, Redirect.INHERIT), launcher);
        try (var out = new BufferedReader(new InputStreamReader(c.process().getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo(Long.toString(c.pid()));
            assertThat(c.process().waitFor(Jail.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            c.process().destroyForcibly();
        }
    }
}
