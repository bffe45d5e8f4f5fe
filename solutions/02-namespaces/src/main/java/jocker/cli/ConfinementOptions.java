package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import jocker.engine.CreateRequest;
import jocker.security.Confinement;
import jocker.security.UserIds;
import picocli.CommandLine.Option;

/**
 * Chapter 2's options of {@code jocker run} that say whom the command runs
 * as and which of root's capabilities it keeps. Without them, Docker's
 * default: root with 14 capabilities.
 *
 * <pre>
 * jocker run --rm -u 1000 busybox id
 * jocker run --rm --cap-drop ALL --cap-add NET_BIND_SERVICE busybox grep Cap /proc/self/status
 * jocker run --rm --privileged busybox mount -t tmpfs t /mnt
 * </pre>
 */
public final class ConfinementOptions implements RunOptions {

    @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]",
            description = "Run as this numeric user and group (default: 0:0, root).")
    private String user;

    @Option(names = "--cap-add", paramLabel = "CAP",
            description = "Add a capability to the default set (NET_ADMIN, cap_sys_time, ALL…).")
    private List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop a capability from it (or ALL).")
    private List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged",
            description = "Every capability, nothing masked, /sys writable: the container can do what root on the host can.")
    private boolean privileged;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        Confinement confinement = new Confinement(user == null ? null : UserIds.parse(user), capAdd, capDrop,
                privileged);
        return confinement.keepsDockerDefaults() ? request : request.with(confinement);
    }
}
