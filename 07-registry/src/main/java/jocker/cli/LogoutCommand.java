package jocker.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import jocker.distribution.auth.CredentialStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker logout}: forgets the credentials {@code jocker login} stored for a registry. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Log out from a registry: remove its stored credentials.")
public final class LogoutCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER",
            description = "The registry, host[:port] (default: docker.io).")
    private String server;

    @Override
    public int chapter() {
        return 7;
    }

    /** Options after the server too, as docker takes them ({@code login HOST -u USER}): no command to stop for. */
    @Override
    public void extend(CommandLine commandLine, int upTo) {
        commandLine.setStopAtPositional(false);
    }

    @Override
    public Integer call() throws IOException {
        String key = CredentialStore.key(server != null ? server : "docker.io");
        if (CredentialStore.defaultStore().remove(key)) {
            spec.commandLine().getOut().println("Removing login credentials for " + key);
        } else {
            spec.commandLine().getOut().println("Not logged in to " + key);
        }
        return 0;
    }
}
