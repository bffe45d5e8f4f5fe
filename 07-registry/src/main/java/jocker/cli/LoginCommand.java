package jocker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jocker.distribution.auth.AuthenticationException;
import jocker.distribution.auth.CredentialStore;
import jocker.distribution.auth.Credentials;
import jocker.distribution.auth.RegistryLogin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jocker login}: checks a user name and password against a registry
 * ({@link RegistryLogin}) and, if it takes them, keeps them in
 * {@code $JOCKER_CONFIG/config.json} (else {@code ~/.jocker/config.json}),
 * where {@code jocker push} and {@code pull} find them.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in to a registry: check the credentials there, then store them for push and pull.")
public final class LoginCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER",
            description = "The registry, host[:port] (default: docker.io).")
    private String server;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name.")
    private String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "Password (visible to other users in ps: prefer --password-stdin).")
    private String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    private boolean passwordStdin;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Reach this registry over plain HTTP (loopback always is).")
    private List<String> insecure = new ArrayList<>();

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
        PrintWriter err = spec.commandLine().getErr();
        String registry = server != null ? server : "docker.io";
        if (password != null && passwordStdin) {
            throw new IllegalArgumentException("--password and --password-stdin are mutually exclusive");
        }
        if (username == null || username.isEmpty()) {
            username = prompt("Username: ", "a user name is required (-u USER)");
        }
        if (passwordStdin) {
            password = readPassword(System.in);
        } else if (password != null) {
            err.println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        } else {
            password = promptPassword();
        }
        Credentials credentials = new Credentials(username, password);
        String host = CredentialStore.key(registry).equals(CredentialStore.DOCKER_HUB) ? "docker.io" : registry;
        try {
            RegistryLogin.verify(host, credentials, Set.copyOf(insecure));
        } catch (AuthenticationException refused) {
            err.println("jocker: " + refused.getMessage());
            return 1;
        }
        CredentialStore store = CredentialStore.defaultStore();
        store.put(registry, credentials);
        err.println("WARNING! Your password will be stored unencrypted in " + store.file() + ".");
        spec.commandLine().getOut().println("Login Succeeded");
        return 0;
    }

    /** The password from a pipe: its first line, without the line end ({@code echo pass | jocker login …}). */
    static String readPassword(InputStream in) throws IOException {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String password = all.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: standard input holds no password");
        }
        return password;
    }

    private static String prompt(String question, String withoutTerminal) {
        if (System.console() == null) {
            throw new IllegalArgumentException(withoutTerminal);
        }
        String answer = System.console().readLine("%s", question);
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException(withoutTerminal);
        }
        return answer.strip();
    }

    private static String promptPassword() {
        if (System.console() == null) {
            throw new IllegalArgumentException("a password is required: -p PASSWORD, or --password-stdin");
        }
        char[] answer = System.console().readPassword("Password: ");
        if (answer == null || answer.length == 0) {
            throw new IllegalArgumentException("a password is required");
        }
        return new String(answer);
    }
}
