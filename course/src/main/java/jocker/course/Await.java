package jocker.course;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Test support: waiting for something another process does (a container
 * writes a file, a counter grows, a process moves into a cgroup). A loaded
 * machine is slow, not wrong: the limits are generous, the checks frequent.
 */
public final class Await {

    /** Something a test waits for; it may read files, and throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration EVERY = Duration.ofMillis(20);

    private Await() {
    }

    /** Waits until {@code condition} holds; fails the test with "waited N s for {@code what}" after {@code timeout}. */
    public static void until(Duration timeout, Supplier<String> what, Condition condition) throws Exception {
        if (!poll(timeout, EVERY, condition)) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what.get());
        }
    }

    /** Checks {@code condition} every {@code every} until it holds (true) or {@code timeout} is over (false). */
    public static boolean poll(Duration timeout, Duration every, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
        return true;
    }
}
