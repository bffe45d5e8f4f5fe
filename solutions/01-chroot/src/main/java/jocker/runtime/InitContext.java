package jocker.runtime;

import java.nio.file.Path;
import jocker.spec.Spec;

/**
 * What the init's steps work from: the bundle's spec and where the bundle is.
 *
 * @param bundle  the bundle directory, as the host sees it (relative root paths start here)
 * @param spec    its config.json
 * @param rootfs  the root filesystem, resolved against the bundle
 * @param joinPid for {@code jocker exec}: the container's PID 1, whose namespaces to join; 0 for a new container
 */
public record InitContext(Path bundle, Spec spec, Path rootfs, long joinPid) {

    public boolean isExec() {
        return joinPid > 0;
    }
}
