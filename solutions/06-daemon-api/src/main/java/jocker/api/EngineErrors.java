package jocker.api;

import jocker.engine.ContainerNotFoundException;
import jocker.engine.NameConflictException;
import jocker.images.ImageException;

/**
 * The engine's exceptions as the Engine API's errors: a missing container
 * or image 404, a name in use or a container in the wrong state 409, a bad
 * value 400. The engine was written for a command line, and says so with
 * Java's exceptions; the daemon says it with HTTP statuses.
 */
final class EngineErrors {

    private EngineErrors() {
    }

    /** {@code handler}, whose engine exceptions become API errors before it answered. */
    static Router.Handler mapped(Router.Handler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (ContainerNotFoundException e) {
                throw ApiException.notFound("No such container: " + e.getMessage()
                        .substring("no such container: ".length()));
            } catch (NameConflictException e) {
                throw new ApiException(409, e.getMessage(), e);
            } catch (ImageException e) {
                throw new ApiException(e.getMessage().startsWith("No such image") ? 404 : 400, e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage(), e);
            } catch (IllegalStateException e) {
                throw new ApiException(409, e.getMessage(), e);
            }
        };
    }
}
