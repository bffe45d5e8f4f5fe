package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

/** The parent's side of chapter 2: start the init in new namespaces. */
public final class ContainerProcess {

    private ContainerProcess() {
    }

    /**
     * Waits until the init has become the container's command: until
     * {@code /proc/<pid>/exe} is no longer the JVM. Before that the container
     * is still being set up (its root, its mounts, its cgroup), and a
     * {@code jocker exec} would join namespaces that are about to change.
     * Returns false if the init died first.
     */
    public static boolean awaitExec(Process init, Path java, Duration timeout) throws InterruptedException {
        Path exe = Path.of("/proc", Long.toString(init.pid()), "exe");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (init.isAlive() && System.nanoTime() < deadline) {
            try {
                if (!Files.isSameFile(exe, java)) {
                    return true;
                }
            } catch (IOException exitedMeanwhile) {
                // the loop checks isAlive
            }
            Thread.sleep(2);
        }
        return false;
    }

    /**
     * Starts the init for the bundle in {@code bundle}, PID 1 of the
     * namespaces its spec asks for. The parent makes all of them but the
     * cgroup namespace, which the init makes last (see {@link Namespace#BY_PARENT}).
     * A process that keeps a {@link ZygotePool} installed gets an init that
     * started in advance, when the container suits one.
     */
    public static Process start(InitLauncher launcher, Path bundle, Spec spec, Stdio stdio) throws IOException {
        Optional<ZygotePool> zygotes = ZygotePool.installed();
        if (zygotes.isPresent()) {
            Optional<Process> taken = zygotes.get().take(launcher, bundle, spec, stdio);
            if (taken.isPresent()) {
                return taken.get();
            }
        }
        return startCold(launcher, bundle, spec, stdio);
    }

    /** Starts a fresh init JVM for the bundle in {@code bundle}, in new namespaces. */
    public static Process startCold(InitLauncher launcher, Path bundle, Spec spec, Stdio stdio) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.commandLine(bundle));
        builder.environment().clear();
        builder.redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
        return NamespacedStart.start(builder, Namespace.madeByParent(spec));
    }
}
