package jocker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.CreateRequest;
import jocker.engine.SeccompProfiles;
import jocker.seccomp.SeccompSetting;
import picocli.CommandLine.Option;

/**
 * Chapter 2's confinement options of {@code jocker run}, Docker's
 * {@code --security-opt}:
 *
 * <pre>
 * jocker run --security-opt seccomp=unconfined busybox grep Seccomp /proc/1/status
 * jocker run --security-opt seccomp=my-profile.json busybox sh
 * </pre>
 *
 * A profile file is read here, so that a malformed one is refused with one
 * line before anything is created. {@code no-new-privileges} is accepted
 * here and has no effect in this class.
 */
public final class SecurityOptions implements RunOptions {

    @Option(names = "--security-opt", paramLabel = "OPTION",
            description = "seccomp=unconfined (no system call filter), seccomp=PROFILE.json (Docker's format),"
                    + " no-new-privileges.")
    private List<String> securityOpts = new ArrayList<>();

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        for (String opt : securityOpts) {
            if (opt.startsWith("seccomp=") || opt.startsWith("seccomp:")) {
                String value = opt.substring("seccomp=".length());
                request = request.with(value.equals("unconfined") ? SeccompSetting.UNCONFINED
                        : new SeccompSetting(SeccompProfiles.load(Path.of(value))));
            } else if (!opt.equals("no-new-privileges") && !opt.startsWith("no-new-privileges=")
                    && !opt.startsWith("no-new-privileges:")) {
                throw new IllegalArgumentException("invalid --security-opt: " + opt
                        + " (this chapter knows seccomp=unconfined, seccomp=FILE and no-new-privileges)");
            }
        }
        return request;
    }
}
