package jocker.api;

import jocker.daemon.RestartPolicy;
import jocker.engine.CreateRequest;

/** {@code HostConfig.RestartPolicy} of the create body, as the watchdog's {@link RestartPolicy}. */
public final class RestartBodyPart implements CreateBodyPart {

    @Override
    public CreateRequest addTo(CreateRequest request, ContainerCreateBody body) {
        ContainerCreateBody.RestartPolicy given = body.host().restartPolicy();
        if (given == null) {
            return request;
        }
        try {
            RestartPolicy policy = new RestartPolicy(given.name(), given.maximumRetryCount());
            return policy.restarts() ? request.with(policy) : request;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
