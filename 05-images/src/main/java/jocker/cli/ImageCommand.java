package jocker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jocker image}: Docker's management command for images, whose
 * subcommands are the image commands under their short names
 * ({@code image ls} is {@code images}, {@code image rm} is {@code rmi}),
 * plus {@code inspect} and {@code prune}, which exist only here.
 */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Manage images.")
public final class ImageCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public void extend(CommandLine commandLine, int upTo) {
        add(commandLine, "ls", new ImageListCommand(), "list");
        add(commandLine, "rm", new ImageRemoveCommand(), "remove");
        add(commandLine, "tag", new ImageTagCommand());
        add(commandLine, "history", new ImageHistoryCommand());
        add(commandLine, "inspect", new ImageInspectCommand());
        add(commandLine, "save", new ImageSaveCommand());
        add(commandLine, "load", new ImageLoadCommand());
        add(commandLine, "import", new ImageImportCommand());
        add(commandLine, "prune", new ImagePruneCommand());
    }

    private static void add(CommandLine parent, String name, Object command, String... aliases) {
        parent.addSubcommand(name, new CommandLine(command).setStopAtPositional(true), aliases);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
