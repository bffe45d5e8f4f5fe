package jocker.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jocker.runtime.Stdio;
import jocker.security.UserIds;

/**
 * The daemonless engine: {@link Engine} in this very process, as chapters 2
 * to 5 run containers. A thin adapter: {@link Engine}'s own methods answer
 * with the container's record ({@link ContainerState}), which the engine
 * and its tests use and which a daemon's client could not have.
 */
public final class LocalEngine implements ContainerEngine {

    private final Engine engine;

    public LocalEngine(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String create(CreateRequest request) throws IOException {
        return engine.create(request).id();
    }

    @Override
    public void start(String id) throws IOException, InterruptedException {
        engine.startDetached(id);
    }

    @Override
    public int runAttached(String id, Stdio stdio) throws IOException, InterruptedException {
        return engine.runForeground(id, stdio);
    }

    @Override
    public void stop(String ref, Duration timeout) throws IOException, InterruptedException {
        engine.stop(ref, timeout);
    }

    @Override
    public void kill(String ref, int signal) throws IOException {
        engine.kill(ref, signal);
    }

    @Override
    public void remove(String ref, boolean force) throws IOException, InterruptedException {
        engine.remove(ref, force);
    }

    @Override
    public int exec(String ref, List<String> command, List<String> env, String workdir, UserIds user, Stdio stdio)
            throws IOException, InterruptedException {
        return engine.exec(ref, command, env, workdir, user, stdio);
    }

    @Override
    public List<ContainerSummary> list(boolean all) throws IOException {
        return engine.list(all);
    }

    @Override
    public Map<String, Object> inspect(String ref) throws IOException {
        return engine.inspect(ref);
    }

    /** The log file holds stdout and stderr together, in the order written: all of it goes to {@code out}. */
    @Override
    public void logs(String ref, OutputStream out, OutputStream err) throws IOException {
        ContainerStore store = engine.store();
        Path log = store.log(store.find(ref).id());
        if (Files.exists(log)) {
            out.flush();
            Files.copy(log, out);
            out.flush();
        }
    }
}
