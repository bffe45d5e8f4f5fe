package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

class RootConditionTest {

    @Test
    @DisplayName("the effective uid is the second field of the Uid line")
    void parsesEffectiveUid() {
        var status = List.of("Name:\tjava", "Uid:\t1000\t0\t0\t0", "Gid:\t1000\t1000\t1000\t1000");
        assertThat(RootCondition.effectiveUid(status)).hasValue(0);
        assertThat(RootCondition.effectiveUid(List.of("Uid:\t0\t1000\t1000\t1000"))).hasValue(1000);
        assertThat(RootCondition.effectiveUid(List.of("Name:\tjava"))).isEmpty();
    }

    @Test
    @DisplayName("this JVM's uid can be read from /proc/self/status")
    void readsOwnUid() {
        assertThat(RootCondition.effectiveUid()).isPresent();
    }

    @Test
    @DisplayName("as a normal user a @RequiresRoot test is skipped with the reason, never passed")
    void skipsWithoutRoot() {
        var events = new Events();
        Fixtures.run(events, AsUser.class);
        assertThat(events.log).containsExactlyInAnyOrder(
                "skipped needsRoot: requires root: the test creates kernel objects (mounts, namespaces, chroot jails)",
                "skipped needsRootForAReason: requires root: chroot(2) needs CAP_SYS_CHROOT",
                "SUCCESSFUL plain");
    }

    @Test
    @DisplayName("as root a @RequiresRoot test runs")
    void runsAsRoot() {
        assumeTrue(RootCondition.effectiveUid().equals(OptionalInt.of(0)), "this check needs root");
        var events = new Events();
        Fixtures.run(events, AsRoot.class);
        assertThat(events.log).containsExactly("SUCCESSFUL needsRoot");
    }

    static class AsUser {
        @RegisterExtension
        static final RootCondition USER = new RootCondition(() -> OptionalInt.of(1000));

        @Test
        @RequiresRoot
        void needsRoot() {
        }

        @Test
        @RequiresRoot("chroot(2) needs CAP_SYS_CHROOT")
        void needsRootForAReason() {
        }

        @Test
        void plain() {
        }
    }

    static class AsRoot {
        @RegisterExtension
        static final RootCondition ROOT = new RootCondition(() -> OptionalInt.of(0));

        // The annotation's own condition also runs: it sees the real uid.
        @Test
        @RequiresRoot
        void needsRoot() {
            assertThat(RootCondition.effectiveUid()).hasValue(0);
        }
    }

    /** Logs what happened to each test method. */
    static final class Events implements TestExecutionListener {
        final List<String> log = new ArrayList<>();

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                log.add("skipped " + id.getDisplayName().replace("()", "") + ": " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                log.add(result.getStatus() + " " + id.getDisplayName().replace("()", ""));
            }
        }
    }
}
