package jocker.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Jocker knows about one container, kept as
 * {@code containers/<id>/state.json}:
 *
 * <pre>
 * {"id":"4f3c…(64 hex)","name":"brave_turing","image":"busybox","command":["sleep","100"],
 *  "hostname":"4f3c2a1b9d8e","env":["PATH=…"],"workdir":"/","autoRemove":false,
 *  "status":"running","pid":81234,"processStart":"2026-11-27T18:02:11.120Z",
 *  "created":"2026-11-27T18:02:10.871Z","exitCode":null,"finished":null}
 * </pre>
 *
 * @param status       {@code created}, {@code running} or {@code exited}, as last recorded
 * @param pid          the container's PID 1 as the host sees it, 0 before it starts
 * @param processStart when that process started: a PID alone could be reused after it exits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(String id, String name, String image, List<String> command, String hostname,
                             List<String> env, String workdir, boolean autoRemove, String status, long pid,
                             Instant processStart, Instant created, Integer exitCode, Instant finished,
                             String error) {

    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String EXITED = "exited";
    /** Not a state a container is in: its state.json could not be read ({@link #error} says why). */
    public static final String BROKEN = "broken";

    /** A container whose state cannot be read: {@code ps -a} lists it by ID, {@code rm -f} removes it. */
    public static ContainerState broken(String id, Instant created, String why) {
        return new ContainerState(id, "", "", List.of(), "", List.of(), "/", false, BROKEN, 0, null, created, null,
                null, why);
    }

    public static ContainerState newContainer(String id, String name, String image, List<String> command,
                                         String hostname, List<String> env, String workdir, boolean autoRemove) {
        return new ContainerState(id, name, image, command, hostname, env, workdir, autoRemove, CREATED, 0, null,
                Instant.now(), null, null, null);
    }

    /** The same container with the command its spec runs. */
    public ContainerState withCommand(List<String> newCommand) {
        return new ContainerState(id, name, image, List.copyOf(newCommand), hostname, env, workdir, autoRemove,
                status, pid, processStart, created, exitCode, finished, error);
    }

    /** The same container under another name ({@code docker rename}). */
    public ContainerState withName(String newName) {
        return new ContainerState(id, newName, image, command, hostname, env, workdir, autoRemove, status, pid,
                processStart, created, exitCode, finished, error);
    }

    public ContainerState running(long newPid, Instant started) {
        return new ContainerState(id, name, image, command, hostname, env, workdir, autoRemove, RUNNING, newPid,
                started, created, null, null, null);
    }

    public ContainerState exited(int code) {
        return new ContainerState(id, name, image, command, hostname, env, workdir, autoRemove, EXITED, pid,
                processStart, created, code, Instant.now(), null);
    }

    /** The first 12 hex digits, as {@code docker ps} shows an ID. */
    @JsonIgnore
    public String shortId() {
        return id.substring(0, 12);
    }

    // tag::process[]
    /**
     * The container's process, if it is still the one that was started:
     * same PID and same start time.
     */
    @JsonIgnore
    public Optional<ProcessHandle> process() {
        if (pid <= 0 || processStart == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(processStart::equals).orElse(false));
    }
    // end::process[]

    /** Running if the process is there; a state that says running about a dead process is stale. */
    @JsonIgnore
    public boolean isRunning() {
        return process().isPresent();
    }
}
