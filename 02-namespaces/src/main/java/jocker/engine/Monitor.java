package jocker.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jocker.runtime.InitConfig;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.namespaces.ContainerProcess;

/**
 * Starts a container, records that it runs, waits for it and records how it
 * ended: the part of Docker that containerd-shim plays. It runs inside
 * {@code jocker run} for a container in the foreground, and in a
 * {@link Shim} process for a detached one.
 */
public final class Monitor {

    private Monitor() {
    }

    // tag::run[]
    /** Runs container {@code id} to its end; returns its exit status (128 + N for signal N). */
    public static int run(ContainerStore store, String id, Stdio stdio, InitLauncher launcher)
            throws IOException, InterruptedException {
        ContainerState state = store.read(id);
        InitConfig config = InitConfig.of(store.rootfs(id), state.command())
                .withEnv(state.env())
                .withWorkdir(state.workdir());
        List<ContainerHook> hooks = ContainerHook.all();
        List<String> hookArgs = new ArrayList<>();
        Process process;
        try {
            for (ContainerHook hook : hooks) {
                hookArgs.addAll(hook.beforeStart(store, state));
            }
            process = ContainerProcess.start(ContainerProcess.launcher(launcher), config, state.hostname(),
                    hookArgs, stdio);
        } catch (IOException | RuntimeException e) {
            // Undo what the hooks made (chapter 3: the cgroup), record the failure as Docker's 125.
            try {
                for (ContainerHook hook : hooks) {
                    hook.afterExit(store, state, 125);
                }
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            } finally {
                recordExit(store, id, 125);
            }
            throw e;
        }
        // "running" once the command runs: then exec, stop and stats see the container as it will stay.
        ContainerProcess.awaitExec(process, launcher.java(), Duration.ofSeconds(30));
        Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
        store.update(id, s -> s.running(process.pid(), started));
        int status = process.waitFor();
        try {
            for (ContainerHook hook : hooks) {
                hook.afterExit(store, state, status);
            }
        } finally {
            recordExit(store, id, status); // also when a hook failed
        }
        return status;
    }

    /** Records the exit, and removes the container if it was started with --rm. */
    static void recordExit(ContainerStore store, String id, int status) throws IOException {
        ContainerState state = store.update(id, s -> s.exited(status));
        if (state.autoRemove()) {
            remove(store, state);
        }
    }

    /** Deletes a container that has ended: first what the hooks made for it, then its directory. */
    static void remove(ContainerStore store, ContainerState state) throws IOException {
        for (ContainerHook hook : ContainerHook.all()) {
            hook.beforeRemove(store, state);
        }
        store.remove(state.id());
    }
    // end::run[]
}
