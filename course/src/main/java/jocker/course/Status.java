package jocker.course;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a graded test ended. Declared from best to worst: when one graded method
 * yields several results (a parameterized test's invocations) the worst wins.
 */
public enum Status {
    /** Passed: earns the test's points. */
    @JsonProperty("passed") PASSED,
    /** Skipped (disabled or aborted, e.g. not root): earns nothing, but is not the student's fault. */
    @JsonProperty("skipped") SKIPPED,
    /** Failed, or could not start because its class failed to set up: earns nothing. */
    @JsonProperty("failed") FAILED;

    /** The lower-case name used in the JSON results and the reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
