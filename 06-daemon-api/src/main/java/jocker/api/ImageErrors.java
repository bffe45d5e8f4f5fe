package jocker.api;

import jocker.engine.ContainerNotFoundException;
import jocker.images.ImageException;

/**
 * Chapter 5's image errors as the Engine API answers them. The store says
 * what went wrong in words ({@code No such image: x}, {@code conflict:
 * unable to delete …}); the status comes from those words, as Docker's
 * {@code errdefs} would classify them: 404 for a missing image or
 * container, 409 for a conflict, 400 for everything else the client asked
 * wrongly (a bad name, a bad archive).
 */
final class ImageErrors {

    private ImageErrors() {
    }

    /** Runs {@code body}, turning an image or container error into its {@link ApiException}. */
    static <T> T mapped(Body<T> body) throws Exception {
        try {
            return body.run();
        } catch (ImageException e) {
            throw of(e);
        } catch (ContainerNotFoundException e) {
            throw new ApiException(404, e.getMessage(), e);
        }
    }

    /** The same, in a lambda that may throw no checked exception. */
    static <T> T mappedUnchecked(Body<T> body) {
        try {
            return mapped(body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static ApiException of(ImageException e) {
        String message = e.getMessage();
        int status = message.startsWith("No such image") ? 404 : message.startsWith("conflict") ? 409 : 400;
        return new ApiException(status, message, e);
    }

    /** Work that may throw. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }
}
