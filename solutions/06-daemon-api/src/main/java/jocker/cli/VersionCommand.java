package jocker.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import jocker.api.client.RemoteEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jocker version}: this client's version and, with {@code -H}, the
 * daemon's, as its {@code GET /version} tells: which engine answers, which
 * API version it speaks. Without a daemon it says so: jocker is its own engine.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Show the client's version and, with -H, the daemon's.")
public final class VersionCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public Integer call() throws Exception {
        String version = Jocker.class.getPackage().getImplementationVersion();
        System.out.println("Client: jocker");
        System.out.println(" Version:       " + (version != null ? version : "(development build)"));
        System.out.println(" API version:   " + RemoteEngine.API_VERSION);
        if (jocker.host().isEmpty()) {
            System.out.println();
            System.out.println("Server: none: jocker runs the containers itself (-H or JOCKER_HOST names a daemon)");
            return 0;
        }
        try (RemoteEngine engine = RemoteEngine.connect(jocker.host().get())) {
            Map<String, Object> server = engine.version();
            Object platform = server.get("Platform") instanceof Map<?, ?> p ? p.get("Name") : null;
            System.out.println();
            System.out.println("Server: " + (platform != null ? platform : "(unnamed)"));
            System.out.println(" Version:       " + server.get("Version"));
            System.out.println(" API version:   " + server.get("ApiVersion") + " (minimum version "
                    + server.get("MinAPIVersion") + ")");
            System.out.println(" OS/Arch:       " + server.get("Os") + "/" + server.get("Arch"));
        }
        return 0;
    }
}
