package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jocker.course.ContainerResult;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.runtime.ExitStatus;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.4: how the command ended")
class ExitStatusTest {

    @TempDir
    static Path state;
    static Path rootfs;
    static Jail jail;

    @BeforeAll
    static void setUp() {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        jail = new Jail(state);
    }

    /** How the command ended, decoded by exercise 1.4. */
    static ExitStatus status(ContainerResult result) {
        return ExitStatus.fromExitValue(result.exitValue());
    }

    @Test
    @Graded(exercise = "1.4", points = 1)
    @DisplayName("a command that exits 0 gives status 0")
    void exitZero() throws Exception {
        var result = jail.run(Jail.sh(rootfs, "exit 0"));

        assertThat(status(result)).as(result.describe()).isEqualTo(ExitStatus.exited(0));
        assertThat(status(result).code()).isZero();
    }

    @Test
    @Graded(exercise = "1.4", points = 2)
    @DisplayName("a command that exits 3 gives status 3, not a signal")
    void exitThree() throws Exception {
        var result = jail.run(Jail.sh(rootfs, "exit 3"));

        assertThat(status(result)).as(result.describe()).isEqualTo(ExitStatus.exited(3));
        assertThat(status(result).wasKilled()).isFalse();
        assertThat(status(result).code()).isEqualTo(3);
    }

    @Test
    @Graded(exercise = "1.4", points = 2)
    @DisplayName("a command killed by SIGKILL is reported as killed by signal 9: status 137")
    void killedBySigkill() throws Exception {
        var result = jail.run(Jail.sh(rootfs, "kill -KILL $$; sleep 5"));

        assertThat(status(result)).as(result.describe()).isEqualTo(ExitStatus.killed(9));
        assertThat(status(result).code()).isEqualTo(137);
    }

    @Test
    @Graded(exercise = "1.4", points = 2)
    @DisplayName("a command killed by SIGTERM is reported as killed by signal 15: status 143")
    void killedBySigterm() throws Exception {
        var result = jail.run(Jail.sh(rootfs, "kill -TERM $$; sleep 5"));

        assertThat(status(result)).as(result.describe()).isEqualTo(ExitStatus.killed(15));
        assertThat(status(result).code()).isEqualTo(143);
    }
}
