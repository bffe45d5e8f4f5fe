package jocker.api;

import java.nio.file.Path;
import jocker.engine.Engine;

/**
 * Where {@link Routes} add endpoints. Paths are written without the version
 * prefix ({@code /containers/{id}/json}): the server strips {@code /v1.NN}
 * and answers both forms. A segment in braces is a path parameter, read with
 * {@link ApiRequest#path(String)}; {@code {name*}} takes the rest of the
 * path, slashes included (image names such as {@code lib/bb:1}).
 */
public interface Router {

    /** The daemon's state directory ({@code --root}): images, containers, volumes live under it. */
    Path root();

    /**
     * The daemon's engine, shared by every request (it is safe to call from
     * several threads: the container store locks per container).
     */
    Engine engine();

    /**
     * Adds the endpoint {@code method path}; handlers run on a thread of their own and may block. Adding
     * the same {@code method path} again replaces the earlier handler: a later chapter takes an endpoint
     * over (chapter 7's pull on {@code POST /images/create}) and hands what it does not answer to the
     * handler it got from {@link #handler}.
     */
    void add(String method, String path, Handler handler);

    /** The handler added so far for exactly {@code method path}; null when none (or the router keeps none). */
    default Handler handler(String method, String path) {
        return null;
    }

    /** What answers one endpoint. */
    @FunctionalInterface
    interface Handler {
        void handle(ApiRequest request, ApiResponse response) throws Exception;
    }
}
