package jocker.runtime;

import java.lang.ProcessBuilder.Redirect;

/**
 * Where the container's standard input, output and error go. The init gets
 * them as its descriptors 0, 1 and 2 and hands them on through execve, so the
 * command reads and writes them directly, with no copying in between.
 */
public record Stdio(Redirect in, Redirect out, Redirect err) {

    /** The caller's own terminal or pipes: what {@code jocker run} uses. */
    public static Stdio inherit() {
        return new Stdio(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    }

    /** Pipes to and from the caller, read through {@link Process}: what the tests use. */
    public static Stdio pipes() {
        return new Stdio(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);
    }
}
