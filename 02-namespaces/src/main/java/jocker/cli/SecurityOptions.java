package jocker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.CreateRequest;
import jocker.seccomp.SeccompProfiles;
import jocker.seccomp.SeccompSetting;
import jocker.security.SecurityOpts;
import picocli.CommandLine.Option;

/**
 * {@code --security-opt} of {@code jocker run}, Docker's spelling:
 * {@code no-new-privileges} ({@link SecurityOpts}), {@code seccomp=unconfined}
 * (no system call filter) and {@code seccomp=PROFILE.json} (Docker's profile
 * format, read here so that a malformed one is refused with one line before
 * anything is created). Other values are refused.
 *
 * <pre>
 * jocker run --rm --security-opt no-new-privileges busybox grep NoNewPrivs /proc/self/status
 * jocker run --rm --security-opt seccomp=unconfined busybox grep Seccomp /proc/1/status
 * </pre>
 */
public final class SecurityOptions implements RunOptions {

    @Option(names = "--security-opt", paramLabel = "OPTION",
            description = "no-new-privileges: execve can grant no privileges (set-user-ID programs, file"
                    + " capabilities); seccomp=unconfined (no system call filter); seccomp=PROFILE.json"
                    + " (Docker's format).")
    private List<String> securityOpts = new ArrayList<>();

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        if (securityOpts.isEmpty()) {
            return request;
        }
        request = request.with(SecurityOpts.parse(securityOpts)); // refuses what it does not know
        for (String opt : securityOpts) {
            if (opt.startsWith("seccomp=") || opt.startsWith("seccomp:")) {
                String value = opt.substring("seccomp=".length());
                request = request.with(value.equals("unconfined") ? SeccompSetting.UNCONFINED
                        : new SeccompSetting(SeccompProfiles.load(Path.of(value))));
            }
        }
        return request;
    }
}
