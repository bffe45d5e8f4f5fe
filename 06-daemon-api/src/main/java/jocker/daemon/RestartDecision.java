package jocker.daemon;

import java.time.Duration;
import jocker.course.Exercise;

/**
 * What the watchdog does about a container whose command ended: start it
 * again or not, and after how long. Docker's restart manager
 * (moby {@code restartmanager/restartmanager.go}) decides so:
 *
 * <ul>
 * <li>a container its user stopped ({@code docker stop}, {@code kill}, {@code rm -f}) stays stopped;</li>
 * <li>{@code always} and {@code unless-stopped} restart it whatever its exit status;</li>
 * <li>{@code on-failure} restarts it when its status is not 0, at most
 *     {@code MaximumRetryCount} times (0: no limit);</li>
 * <li>the delay starts at 100 ms and doubles with each restart, up to a
 *     minute, so that a container that fails at once does not spin the
 *     host; a container that ran 10 s or more starts again from 100 ms.</li>
 * </ul>
 *
 * @param restart whether to start the container again
 * @param delay   how long to wait first; also the delay the next decision doubles
 */
public record RestartDecision(boolean restart, Duration delay) {

    /** The first delay. */
    public static final Duration FIRST_DELAY = Duration.ofMillis(100);
    /** The longest delay. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** A container that ran this long is healthy enough: its next delay is the first again. */
    public static final Duration RESET_AFTER = Duration.ofSeconds(10);

    // tag::decide[]
    /**
     * Decides about a container that ended with {@code exitStatus} after
     * running for {@code ranFor}, restarted {@code restartCount} times so far,
     * whose previous delay was {@code previousDelay} ({@link Duration#ZERO} if none).
     */
    public static RestartDecision decide(RestartPolicy policy, int exitStatus, int restartCount,
            boolean stoppedByUser, Duration ranFor, Duration previousDelay) {
        // Exercise 6.8: the delay first (doubled, capped, reset after 10 s of running),
        //   then the policy
        return Exercise.todo("6.8", "the delay first (doubled, capped, reset after 10 s of running), then the policy");
    }
    // end::decide[]

    /**
     * When the daemon starts: {@code always} brings back even a container its
     * user stopped (Docker's documented rule), {@code unless-stopped} only one
     * that was not stopped by its user.
     */
    public static boolean startsWithDaemon(RestartPolicy policy, boolean stoppedByUser) {
        return policy.name().equals(RestartPolicy.ALWAYS)
                || policy.name().equals(RestartPolicy.UNLESS_STOPPED) && !stoppedByUser;
    }
}
