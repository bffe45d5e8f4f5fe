package jocker.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jocker.runtime.Stdio;
import jocker.security.UserIds;

/**
 * What {@code jocker}'s container commands ask of an engine, and nothing
 * of how it does it. Two engines answer, as podman's two front ends do:
 * {@link LocalEngine}, this process itself, with no daemon (chapters 2 to 5),
 * and from chapter 6 a client of {@code jockerd} that sends each call as an
 * Engine API request ({@code jocker -H unix:///run/jocker.sock}). A command
 * is written once, against this interface, and works with either.
 *
 * <p>Containers are named as the user named them: a name, an ID or a unique
 * ID prefix. A missing one is a {@link ContainerNotFoundException} locally,
 * the daemon's 404 remotely.
 */
public interface ContainerEngine {

    /** Creates a container, not started yet; returns its ID. */
    String create(CreateRequest request) throws IOException;

    /** Starts a created container in the background ({@code run -d}). */
    void start(String id) throws IOException, InterruptedException;

    /**
     * Starts a created container with its output on {@code stdio} and waits
     * for it to exit ({@code run} in the foreground); returns its exit
     * status, 128 + N when signal N killed it.
     */
    int runAttached(String id, Stdio stdio) throws IOException, InterruptedException;

    /** The stop signal, then SIGKILL after {@code timeout}; returns once the exit is recorded. */
    void stop(String ref, Duration timeout) throws IOException, InterruptedException;

    /** Sends signal number {@code signal} to the container's command. */
    void kill(String ref, int signal) throws IOException;

    /** Removes a container; a running one only with {@code force}, which kills it first. */
    void remove(String ref, boolean force) throws IOException, InterruptedException;

    /**
     * Runs {@code command} in the running container, with {@code env} added
     * to its environment, in {@code workdir} (null: the container's), as
     * {@code user} (null: the container's); returns its exit status.
     */
    int exec(String ref, List<String> command, List<String> env, String workdir, UserIds user, Stdio stdio)
            throws IOException, InterruptedException;

    /** The running containers, or all with {@code all}, newest first. */
    List<ContainerSummary> list(boolean all) throws IOException;

    /** The container as Docker's {@code inspect} shows it. */
    Map<String, Object> inspect(String ref) throws IOException;

    /** What a detached container wrote: its stdout to {@code out}, its stderr to {@code err}. */
    void logs(String ref, OutputStream out, OutputStream err) throws IOException;
}
