package jocker.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jocker.engine.Names;

/**
 * One exec instance: made by {@code POST /containers/{id}/exec}, run once by
 * {@code POST /exec/{id}/start}, read by {@code GET /exec/{id}/json}. As in
 * Docker, instances live in the daemon's memory only: a client reads the
 * exit code right after the stream ends, and a restarted daemon has none.
 */
public final class ExecInstance {

    private static final Map<String, ExecInstance> ALL = new ConcurrentHashMap<>();

    private final String id;
    private final String containerId;
    private final ExecCreateBody body;
    private boolean started;
    private volatile boolean running;
    private volatile Integer exitCode;
    private volatile long pid;

    private ExecInstance(String id, String containerId, ExecCreateBody body) {
        this.id = id;
        this.containerId = containerId;
        this.body = body;
    }

    /** A new instance for container {@code containerId}, kept until the daemon stops. */
    static ExecInstance create(String containerId, ExecCreateBody body) {
        ExecInstance exec = new ExecInstance(Names.newId(), containerId, body);
        ALL.put(exec.id, exec);
        return exec;
    }

    /** The instance {@code id} names; 404 if none. */
    public static ExecInstance get(String id) {
        ExecInstance exec = id == null ? null : ALL.get(id);
        if (exec == null) {
            throw ApiException.notFound("No such exec instance: " + id);
        }
        return exec;
    }

    /** Forgets the instances of a removed container. */
    static void forget(String containerId) {
        ALL.values().removeIf(e -> e.containerId.equals(containerId));
    }

    public String id() {
        return id;
    }

    public String containerId() {
        return containerId;
    }

    public ExecCreateBody body() {
        return body;
    }

    /** Marks the instance started; an instance runs once (409 the second time, as Docker). */
    public synchronized void claim() {
        if (started) {
            throw ApiException.conflict("Exec instance " + id + " has already been started");
        }
        started = true;
    }

    /** Its process runs with host PID {@code newPid}. */
    public void running(long newPid) {
        pid = newPid;
        running = true;
    }

    /** Its process ended with {@code status}. */
    public void exited(int status) {
        exitCode = status;
        running = false;
    }

    public ExecJson json() {
        List<String> cmd = body.cmd() == null ? List.of() : body.cmd();
        return new ExecJson(id, running, exitCode, new ExecJson.ProcessConfig(body.tty(),
                cmd.isEmpty() ? "" : cmd.get(0), cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size()),
                body.privileged(), body.user() == null ? "" : body.user()),
                body.attachStdin(), body.attachStderr(), body.attachStdout(), false, containerId, "", pid);
    }
}
