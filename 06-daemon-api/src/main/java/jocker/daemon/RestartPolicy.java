package jocker.daemon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the daemon's watchdog does when a container's command ends, Docker's
 * {@code HostConfig.RestartPolicy}: {@code {"Name":"on-failure","MaximumRetryCount":2}}.
 * It is a typed part of the {@link jocker.engine.CreateRequest}
 * ({@code request.with(RestartPolicy.parse("on-failure:2"))}); the
 * {@code RestartFeature} keeps it beside the container's state.
 *
 * @param name              {@code no}, {@code on-failure}, {@code always} or {@code unless-stopped}
 * @param maximumRetryCount for {@code on-failure}: how many restarts at most, 0 for no limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartPolicy(@JsonProperty("Name") String name,
                            @JsonProperty("MaximumRetryCount") int maximumRetryCount) {

    public static final String NO = "no";
    public static final String ON_FAILURE = "on-failure";
    public static final String ALWAYS = "always";
    public static final String UNLESS_STOPPED = "unless-stopped";

    /** The default: never restart. */
    public static final RestartPolicy NONE = new RestartPolicy(NO, 0);

    /** Checks the policy; an empty or null name is Docker's default, {@code no}. */
    @JsonCreator
    public RestartPolicy(@JsonProperty("Name") String name,
                         @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
        name = name == null || name.isEmpty() ? NO : name;
        if (!(name.equals(NO) || name.equals(ON_FAILURE) || name.equals(ALWAYS) || name.equals(UNLESS_STOPPED))) {
            throw new IllegalArgumentException("invalid restart policy '" + name
                    + "': use no, on-failure[:max-retries], always or unless-stopped");
        }
        if (maximumRetryCount < 0) {
            throw new IllegalArgumentException("maximum retry count cannot be negative");
        }
        if (maximumRetryCount > 0 && !name.equals(ON_FAILURE)) {
            throw new IllegalArgumentException("maximum retry count cannot be used with restart policy '"
                    + name + "'");
        }
        this.name = name;
        this.maximumRetryCount = maximumRetryCount;
    }

    /** {@code docker run --restart}'s syntax: {@code no}, {@code always}, {@code on-failure:3} … */
    public static RestartPolicy parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new RestartPolicy(text, 0);
        }
        String count = text.substring(colon + 1);
        try {
            return new RestartPolicy(text.substring(0, colon), Integer.parseInt(count));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid restart policy '" + text + "': '" + count
                    + "' is not a number of retries");
        }
    }

    /** Whether the watchdog has anything to do for this container. */
    public boolean restarts() {
        return !name.equals(NO);
    }

    /** As {@code --restart} writes it. */
    @Override
    public String toString() {
        return maximumRetryCount > 0 ? name + ":" + maximumRetryCount : name;
    }
}
