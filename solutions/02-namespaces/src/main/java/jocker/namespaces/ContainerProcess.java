package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.runtime.InitConfig;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;

/** The parent's side of chapter 2: start {@link ContainerInit} in new namespaces. */
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

    /** Chapter 1's launcher, pointed at chapter 2's init. */
    public static InitLauncher launcher(InitLauncher chapterOne) {
        return new InitLauncher(chapterOne.java(), chapterOne.classPath(), chapterOne.jnaLibDir(),
                ContainerInit.class.getName());
    }

    /** The init's command line: chapter 1's arguments, pivot_root, and the hostname. */
    public static List<String> commandLine(InitLauncher launcher, InitConfig config, String hostname) {
        return commandLine(launcher, config, hostname, List.of());
    }

    /** With {@code hookArgs} for the init's {@link InitHook}s. */
    public static List<String> commandLine(InitLauncher launcher, InitConfig config, String hostname,
                                           List<String> hookArgs) {
        List<String> cmd = new ArrayList<>(launcher.commandLine(config.withRootSwitch("pivot_root")));
        int separator = cmd.indexOf("--");
        cmd.addAll(separator, hookArgs);
        if (hostname != null) {
            cmd.add(separator, "--hostname=" + hostname);
        }
        return cmd;
    }

    /** Starts the container's init, PID 1 of its namespaces. */
    public static Process start(InitLauncher launcher, InitConfig config, String hostname, List<String> hookArgs,
                                Stdio stdio) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(launcher, config, hostname, hookArgs));
        builder.environment().clear();
        builder.redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
        return NamespacedStart.start(builder, Namespace.BY_PARENT);
    }
}
