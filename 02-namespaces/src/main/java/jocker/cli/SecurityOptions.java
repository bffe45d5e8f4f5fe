package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import jocker.engine.CreateRequest;
import jocker.security.SecurityOpts;
import picocli.CommandLine.Option;

/**
 * {@code --security-opt} of {@code jocker run}, Docker's spelling:
 * {@code no-new-privileges} (chapter 2) and {@code seccomp=PROFILE}, which
 * is passed on as given for the seccomp step to read
 * ({@link SecurityOpts#seccomp()}). Other values are refused.
 *
 * <pre>
 * jocker run --rm --security-opt no-new-privileges busybox grep NoNewPrivs /proc/self/status
 * </pre>
 */
public final class SecurityOptions implements RunOptions {

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "no-new-privileges: execve can grant no privileges (set-user-ID programs, file"
                    + " capabilities); seccomp=PROFILE.")
    private List<String> securityOpt = new ArrayList<>();

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        return securityOpt.isEmpty() ? request : request.with(SecurityOpts.parse(securityOpt));
    }
}
