package jocker.api;

import jocker.engine.CreateRequest;
import jocker.volumes.VolumeMounts;

/**
 * The volumes' part of {@code POST /containers/create}: {@code HostConfig.Binds},
 * the {@code -v} strings the docker CLI sends as typed, parsed as {@code jocker run -v} parses them.
 */
public final class VolumeBodyPart implements CreateBodyPart {

    @Override
    public boolean handlesBinds() {
        return true;
    }

    @Override
    public CreateRequest addTo(CreateRequest request, ContainerCreateBody body) {
        java.util.List<String> binds = body.host().binds();
        if (binds == null || binds.isEmpty()) {
            return request;
        }
        try {
            return request.with(VolumeMounts.fromBinds(binds));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
