package jocker.cli;

import picocli.CommandLine;

/**
 * The registry on its own, without the rest of {@code jocker}:
 * {@code java -cp … jocker.cli.RegistryMain serve --addr 127.0.0.1:5000 --root DIR}
 * takes the arguments of {@code jocker registry} ({@code serve}, {@code gc}).
 */
public final class RegistryMain {

    private RegistryMain() {
    }

    public static void main(String[] args) {
        RegistryCommand registry = new RegistryCommand();
        CommandLine cli = new CommandLine(registry);
        registry.extend(cli, Integer.MAX_VALUE);
        System.exit(cli.execute(args));
    }
}
