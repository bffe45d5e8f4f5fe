package jocker.api;

import jocker.course.Exercise;

/**
 * The Engine API's versions. A client names the version it speaks in the
 * path ({@code /v1.41/containers/json}) or not at all (the server's own).
 * The docker CLI first asks {@code /_ping}, reads the {@code Api-Version}
 * header and speaks the lower of that and its own; other clients
 * (docker-java, Testcontainers) send {@code /v1.32/…} or no prefix.
 * Jocker answers every version from {@link #MIN} to {@link #CURRENT}, the
 * one dockerd 20.10 speaks, whose requests design.md traces.
 */
public final class ApiVersions {

    /** The version Jocker advertises. */
    public static final String CURRENT = "1.41";

    /** The oldest version Jocker answers, as dockerd does. */
    public static final String MIN = "1.24";

    private ApiVersions() {
    }

    /** A request path split into the version asked for and the path the routes know. */
    public record Versioned(String version, String path) {
    }

    // tag::strip[]
    /**
     * Splits {@code /v1.41/containers/json} into {@code 1.41} and
     * {@code /containers/json}; a path with no version prefix is
     * {@link #CURRENT}'s. A version outside {@link #MIN}..{@link #CURRENT} is
     * refused with status 400 and dockerd's words ("client version 1.12 is
     * too old. Minimum supported API version is 1.24, …").
     */
    public static Versioned strip(String path) {
        // Exercise 6.2: a first segment "v<major>.<minor>" is the version; compare it with
        //   compare(); else CURRENT
        return Exercise.todo("6.2", "a first segment \"v<major>.<minor>\" is the version; compare it with compare(); else CURRENT");
    }
    // end::strip[]

    /** Compares two versions {@code major.minor} as numbers: 1.9 is older than 1.10. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
