package jocker.cli;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.cli.ProcessOptions;
import jocker.engine.CreateRequest;
import jocker.engine.ContainerEngine;
import jocker.runtime.Stdio;
import jocker.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code jocker run}, chapter 2's: in namespaces, and in the background with {@code -d}. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a command in a new container.",
            "Chapter 2: the container gets its own PID, mount, UTS, IPC, network and cgroup",
            "namespaces; its root is the image's files, entered with pivot_root. It stays",
            "listed by 'jocker ps -a' after it exits, unless --rm. The exit status is the",
            "command's (128 + N when signal N killed it); 125 means jocker itself failed."},
        footer = {"", "Examples:",
            "  jocker run busybox sh -c 'echo $$$$; hostname; ls /sys/class/net'",
            "  jocker run -d --name ticker busybox sh -c 'while true; do date; sleep 1; done'",
            "  jocker run --rm --hostname box busybox hostname"})
public final class ContainerRunCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container's ID.")
    private boolean detach;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    private boolean autoRemove;

    @Option(names = "--name", paramLabel = "NAME", description = "Name the container (default: a generated one).")
    private String name;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Hostname inside (default: the short ID).")
    private String hostname;

    @Mixin
    private ProcessOptions process;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: 'busybox' is built in.")
    private String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (default: the image's, sh before chapter 5).")
    private List<String> command = new ArrayList<>();

    @Override
    public int chapter() {
        return 2;
    }

    /** The options later chapters add (chapter 3: limits), as picocli mixins of this command. */
    private final List<RunOptions> chapterOptions = new ArrayList<>();

    /**
     * Adds each chapter's options. An option of a later chapter replaces the
     * earlier one of the same name, as a later subcommand replaces an earlier
     * one: chapter 5's {@code -u}, which takes user names, replaces chapter 2's.
     */
    @Override
    public void extend(CommandLine commandLine, int upTo) {
        CommandSpec command = commandLine.getCommandSpec();
        for (RunOptions options : RunOptions.upTo(upTo)) {
            for (OptionSpec option : CommandSpec.forAnnotatedObject(options).options()) {
                for (String optionName : option.names()) {
                    OptionSpec earlier = command.findOption(optionName);
                    if (earlier != null) {
                        command.remove(earlier);
                    }
                }
            }
            commandLine.addMixin(options.getClass().getSimpleName(), options);
            chapterOptions.add(options);
        }
    }

    @Override
    public Integer call() throws Exception {
        // The container's init JVM (in the foreground) or its monitor's (-d) starts now, while the engine
        // makes the container.
        try (Closeable prepared = ContainerCli.prepareRun(jocker, detach)) {
            CreateRequest request = new CreateRequest(image, command, name, hostname,
                    process.environment(Spec.DEFAULT_ENV), process.workdir(), autoRemove);
            for (RunOptions options : chapterOptions) {
                request = options.addTo(request); // a value Docker refuses fails here, before anything is made
            }
            ContainerEngine containers = ContainerCli.engine(jocker);
            String id = containers.create(request);
            if (detach) {
                containers.start(id);
                System.out.println(id);
                return 0;
            }
            return containers.runAttached(id, Stdio.inherit());
        }
    }
}
