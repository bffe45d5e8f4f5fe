package jocker.cli;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jocker.engine.ContainerEngine;
import jocker.engine.Engine;
import jocker.engine.LocalEngine;
import jocker.engine.RemoteEngineProvider;
import jocker.runtime.Stdio;

/** What chapter 2's commands share. */
final class ContainerCli {

    /** Why chapter 2's commands need root, for {@link jocker.cli.Jocker#requireRoot}. */
    static final String WHY_ROOT = "unshare(2), mount(2) and pivot_root(2) require CAP_SYS_ADMIN";

    private ContainerCli() {
    }

    // tag::engine[]
    /**
     * The engine, for a command that starts, enters or signals containers:
     * the daemon's with {@code -H} or {@code $JOCKER_HOST}; else this process's,
     * which refuses unless jocker runs as root, and makes JNA ready ({@link Jocker#images}).
     */
    static ContainerEngine engine(Jocker jocker) throws IOException {
        Optional<String> host = jocker.host();
        if (host.isPresent()) {
            return RemoteEngineProvider.connect(host.get(), Jocker.chapter());
        }
        Jocker.requireRoot(WHY_ROOT);
        return new LocalEngine(new Engine(jocker.images().root()));
    }
    // end::engine[]

    /**
     * Starts, daemonless, what {@code run} will need before the rest of its
     * work: for a container in the foreground its init ({@link
     * Engine#prepareRun}; closing the result kills it if unused), for one
     * detached ({@code -d}) the state directory's monitor ({@link
     * Engine#prepareStart}).
     */
    static Closeable prepareRun(Jocker jocker, boolean detach) throws IOException {
        if (jocker.host().isPresent()) {
            return () -> { };
        }
        Jocker.requireRoot(WHY_ROOT);
        if (detach) {
            Engine.prepareStart(jocker.root()); // the monitor, and the init it starts for this container
            return () -> { };
        }
        // images() first: it points this JVM's JNA at its native library, which the zygote's start loads.
        return Engine.prepareRun(jocker.images().root(), Stdio.inherit());
    }

    /** The engine, for a command that only reads the containers' records ({@code ps}): no root needed. */
    static ContainerEngine reader(Jocker jocker) {
        Optional<String> host = jocker.host();
        return host.isPresent() ? RemoteEngineProvider.connect(host.get(), Jocker.chapter())
                : new LocalEngine(new Engine(jocker.root()));
    }

    /** Something a command does to one container, named as the user named it. */
    @FunctionalInterface
    interface ContainerAction {
        void apply(String ref) throws Exception;
    }

    /**
     * Does {@code action} to each container in turn and prints its name, as
     * Docker's {@code stop}, {@code kill} and {@code rm} do; the first failure
     * ends the command. Returns the exit status, 0.
     */
    static int forEach(List<String> refs, ContainerAction action) throws Exception {
        for (String ref : refs) {
            action.apply(ref);
            System.out.println(ref);
        }
        return 0;
    }
}
