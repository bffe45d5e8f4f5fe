package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker run}: chapter 1's, in a chroot jail. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a command in a new container.",
            "Chapter 1: the command runs in a chroot jail on a copy of the image's files,",
            "which is removed when it exits. The exit status is the command's",
            "(128 + N when signal N killed it); 125 means jocker itself failed,",
            "126 that the command cannot run, 127 that it was not found."},
        footer = {"", "Examples:",
            "  jocker run busybox sh -c 'echo $0; exit 3'",
            "  jocker run -e GREETING=hi -w /tmp busybox sh -c 'echo $GREETING from $(pwd)'"})
public final class RunCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Mixin
    private ProcessOptions process;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: 'busybox' is built in.")
    private String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (default: sh).")
    private List<String> command = new ArrayList<>();

    @Override
    public int chapter() {
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        List<String> cmd = command.isEmpty() ? List.of("sh") : command;
        List<String> environment = process.environment(Spec.DEFAULT_ENV);
        return ForegroundRun.run(jocker, image, cmd, s -> s.withEnv(environment).withCwd(process.workdir()));
    }
}
