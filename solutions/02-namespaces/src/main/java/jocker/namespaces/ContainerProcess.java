package jocker.namespaces;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jocker.chroot.InitConfig;
import jocker.chroot.InitLauncher;
import jocker.chroot.Stdio;

/** The parent's side of chapter 2: start {@link ContainerInit} in new namespaces. */
public final class ContainerProcess {

    private ContainerProcess() {
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
        return NamespacedStart.start(builder, Namespace.ALL);
    }
}
