package jocker.cgroups;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Freezing: stopping every process of a cgroup at once, where a SIGSTOP to
 * each could miss one forked in between and is visible to the processes.
 * Freezing is not instant: the kernel asks each task to stop and reports
 * frozen only when the last one has, so both versions write, then poll.
 */
final class Freezer {

    /** How long a freeze may take before it is called stuck (a task in uninterruptible sleep). */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Freezer() {
    }

    /**
     * v1 ({@code Documentation/admin-guide/cgroup-v1/freezer-subsystem.rst}):
     * {@code freezer.state} reads FREEZING until every task has stopped, then
     * FROZEN. On a timeout the cgroup is thawed again rather than left half frozen.
     */
    // tag::freeze[]
    static void freezeV1(Path dir) {
        Path state = dir.resolve("freezer.state");
        // begin exercise 3.4: ask the v1 freezer to stop every task: write FROZEN to freezer.state.
        CgroupFiles.write(state, "FROZEN");
        // end exercise 3.4
        if (!await(() -> CgroupFiles.read(state).equals("FROZEN"))) {
            CgroupFiles.write(state, "THAWED");
            throw new CgroupException(state + " still reads FREEZING after "
                    + TIMEOUT.toSeconds() + " s");
        }
    }

    static void thawV1(Path dir) {
        // begin exercise 3.4: let the tasks run again: THAWED.
        CgroupFiles.write(dir.resolve("freezer.state"), "THAWED");
        // end exercise 3.4
    }

    static boolean isFrozenV1(Path dir) {
        return CgroupFiles.read(dir.resolve("freezer.state")).equals("FROZEN");
    }

    /**
     * v2 (cgroup-v2.rst, "Core Interface Files"): write 1 to
     * {@code cgroup.freeze}; {@code cgroup.events} says {@code frozen 1} once
     * the whole subtree is. Built into the core since Linux 5.2: no controller
     * to enable.
     */
    static void freezeV2(Path dir) {
        // begin exercise 3.4: v2 freezes with a 1 in cgroup.freeze (and reports it in cgroup.events).
        CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
        // end exercise 3.4
        if (!await(() -> isFrozenV2(dir))) {
            CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
            throw new CgroupException(dir.resolve("cgroup.events") + " still reads frozen 0 after "
                    + TIMEOUT.toSeconds() + " s");
        }
    }

    static void thawV2(Path dir) {
        // begin exercise 3.4: and thaws with a 0.
        CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
        // end exercise 3.4
    }
    // end::freeze[]

    static boolean isFrozenV2(Path dir) {
        return CgroupFiles.keyed(dir.resolve("cgroup.events"), "frozen") == 1;
    }

    /** Polls {@code done} every millisecond until it is true or {@link #TIMEOUT} has passed. */
    static boolean await(BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
