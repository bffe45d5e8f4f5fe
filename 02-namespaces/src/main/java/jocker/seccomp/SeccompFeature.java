package jocker.seccomp;

import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.engine.SeccompProfiles;
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
        SeccompSetting setting = request.get(SeccompSetting.class);
        if (setting == null) {
            setting = new SeccompSetting(SeccompProfiles.loadDefault());
        }
        if (!setting.unconfined()) {
            spec.linux().seccomp = SeccompProfiles.toSpec(setting.profile(), SeccompProfiles.DEFAULT_CAPABILITIES);
        }
    }
}
