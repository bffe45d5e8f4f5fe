package jocker.containers;

import java.io.IOException;
import java.time.Instant;
import jocker.chroot.InitConfig;
import jocker.chroot.InitLauncher;
import jocker.chroot.Stdio;
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
        Process process = ContainerProcess.start(ContainerProcess.launcher(launcher), config, state.hostname(), stdio);
        Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
        store.update(id, s -> s.running(process.pid(), started));
        int status = process.waitFor();
        recordExit(store, id, status);
        return status;
    }

    /** Records the exit, and removes the container if it was started with --rm. */
    static void recordExit(ContainerStore store, String id, int status) throws IOException {
        ContainerState state = store.update(id, s -> s.exited(status));
        if (state.autoRemove()) {
            store.remove(id);
        }
    }
    // end::run[]
}
