package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker escape}: chapter 1's lesson, a root process walking out of its chroot jail. */
@Command(name = "escape",
        mixinStandardHelpOptions = true,
        description = {"Show that chroot alone does not contain root.",
            "Runs COMMAND like 'jocker run', but the container's init first breaks out of",
            "the jail (mkdir, chroot into it, chdir(\"..\") until the top, chroot(\".\")).",
            "The command then runs in the HOST's root directory, with the host's programs."},
        footer = {"", "Example:",
            "  jocker escape busybox cat /etc/os-release    # the host's file, not the image's"})
public final class EscapeCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", defaultValue = "busybox",
            description = "The image whose jail to escape (default: ${DEFAULT-VALUE}).")
    private String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "What to run outside (default: ls /).")
    private List<String> command = new ArrayList<>();

    @Override
    public int chapter() {
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        List<String> cmd = command.isEmpty() ? List.of("ls", "/") : command;
        System.err.println("jocker: the init breaks out of the jail before running " + String.join(" ", cmd));
        return ForegroundRun.run(jocker, image, cmd, c -> c.withEscape(true));
    }
}
