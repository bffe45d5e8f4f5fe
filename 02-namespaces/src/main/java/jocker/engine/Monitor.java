package jocker.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jocker.namespaces.ContainerProcess;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * Starts a container, records that it runs, waits for it and records how it
 * ended: the part of Docker that containerd-shim plays. It runs inside
 * {@code jocker run} for a container in the foreground, and in the
 * {@link ContainerMonitor} for a detached one.
 */
public final class Monitor {

    private Monitor() {
    }

    // tag::run[]
    /** Runs container {@code id} to its end; returns its exit status (128 + N for signal N). */
    public static int run(ContainerStore store, String id, Stdio stdio, InitLauncher launcher)
            throws IOException, InterruptedException {
        return run(store, id, StdioRelay.direct(stdio), launcher);
    }

    /** The same, with the streams of {@code streams}, which may relay them (chapter 6). */
    public static int run(ContainerStore store, String id, StdioRelay.Session streams,
            InitLauncher launcher)
            throws IOException, InterruptedException {
        ContainerState state = store.read(id);
        Bundle bundle = store.bundle(id);
        List<Feature> features = Feature.all();
        Process process;
        try {
            Spec spec = bundle.read();
            for (Feature feature : features) {
                feature.beforeStart(store, state, spec);
            }
            process = ContainerProcess.start(launcher, bundle.dir(), spec, streams.stdio());
        } catch (IOException | RuntimeException e) {
            undoStart(store, state, features, e);
            throw e;
        }
        try {
            streams.started(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            process.waitFor();
            undoStart(store, state, features, e);
            throw e;
        }
        // "running" once the command runs: then exec, stop and stats see the
        // container as it will stay.
        ContainerProcess.awaitExec(process, launcher.java(), Duration.ofSeconds(30));
        Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
        try {
            store.update(id, s -> s.running(process.pid(), started));
        } catch (IOException | RuntimeException e) {
            // Not recorded (a full disk, say): a container that no record knows of must not run on.
            process.destroyForcibly();
            process.waitFor();
            undoStart(store, state, features, e);
            throw e;
        }
        Events.container(store, state, "start");
        int status = process.waitFor();
        streams.ended(); // the log has all the command wrote before its exit is recorded
        try {
            for (Feature feature : features) {
                feature.afterExit(store, state, status);
            }
        } finally {
            recordExit(store, id, status); // also when a hook failed
        }
        return status;
    }

    /**
     * A start that failed: undoes what the features made (chapter 3: the
     * cgroup) and records Docker's 125 where it can; what fails too is added to {@code e}.
     */
    private static void undoStart(ContainerStore store, ContainerState state, List<Feature> features,
            Exception e) {
        try {
            for (Feature hook : features) {
                hook.afterExit(store, state, 125);
            }
        } catch (IOException | RuntimeException cleanup) {
            e.addSuppressed(cleanup);
        }
        try {
            recordExit(store, state.id(), 125);
        } catch (IOException | RuntimeException cannotRecord) {
            e.addSuppressed(cannotRecord);
        }
    }

    /** Records the exit, and removes the container if it was started with --rm. */
    static void recordExit(ContainerStore store, String id, int status) throws IOException {
        ContainerState state = store.update(id, s -> s.exited(status));
        Events.container(store, state, "die", "exitCode", Integer.toString(status));
        if (state.autoRemove()) {
            remove(store, state);
        }
    }

    /** Deletes a container that has ended: first what the hooks made for it, then its directory. */
    static void remove(ContainerStore store, ContainerState state) throws IOException {
        for (Feature feature : Feature.all()) {
            feature.beforeRemove(store, state);
        }
        store.remove(state.id());
        Events.container(store, state, "destroy");
    }
    // end::run[]
}
