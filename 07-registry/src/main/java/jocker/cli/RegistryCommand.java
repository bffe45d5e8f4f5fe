package jocker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jocker registry}: a registry of one's own.
 *
 * <pre>
 * jocker registry serve --addr 127.0.0.1:5000 --root /tmp/reg &amp;
 * skopeo copy --dest-tls-verify=false oci:busybox:latest docker://127.0.0.1:5000/lib/bb:1
 * jocker registry gc --root /tmp/reg --dry-run
 * </pre>
 */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Run or clean a registry.")
public final class RegistryCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Override
    public int chapter() {
        return 7;
    }

    @Override
    public void extend(CommandLine commandLine, int upTo) {
        commandLine.addSubcommand("serve", new CommandLine(new RegistryServeCommand()));
        commandLine.addSubcommand("gc", new CommandLine(new RegistryGcCommand()), "garbage-collect");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
