package jocker.seccomp;

import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.security.Capabilities;
import jocker.security.Confinement;
import java.util.HashSet;
import java.util.Set;
import jocker.spec.Spec;

/**
 * The spec's {@code linux.seccomp}: the default profile unless the request
 * names another or none ({@link SeccompSetting}). The profile is resolved
 * for the capabilities Docker leaves a container, so that, as in Docker,
 * {@code mount} is refused even to a root that could otherwise do it. The
 * init's {@link SeccompSteps} load the filter.
 */
public final class SeccompFeature implements Feature {

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public void configure(Spec spec, CreateRequest request, ContainerState state) {
        Confinement confinement = request.get(Confinement.class);
        if (confinement == null) {
            confinement = Confinement.DEFAULT;
        }
        SeccompSetting setting = request.get(SeccompSetting.class);
        if (confinement.privileged() && setting == null) {
            return; // --privileged: no filter, as Docker's
        }
        if (setting == null) {
            setting = new SeccompSetting(SeccompProfiles.loadDefault());
        }
        if (!setting.unconfined()) {
            // Docker's profile allows some calls only to a container that keeps the capability they need
            // (mount with CAP_SYS_ADMIN, …): resolve it against the capabilities this container keeps.
            Set<String> kept = new HashSet<>(confinement.capabilities(Capabilities.hostLastCap()));
            spec.linux().seccomp = SeccompProfiles.toSpec(setting.profile(), kept);
        }
    }
}
