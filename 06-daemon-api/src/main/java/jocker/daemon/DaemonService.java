package jocker.daemon;

import java.nio.file.Path;
import jocker.api.ApiServer;
import jocker.engine.Engine;

/**
 * Something jockerd runs for as long as it runs, besides answering requests:
 * the restart policies' watchdog, for one. Services are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/jocker.daemon.DaemonService}),
 * started after the socket is bound and stopped before it closes.
 */
public interface DaemonService {

    /** The chapter that brings it. */
    int chapter();

    /** Starts it; it must not block (start a thread of its own). */
    void start(Engine engine, Path root, ApiServer.ApiLog log) throws Exception;

    /** Stops it; containers are left as they are. */
    default void stop() {
    }
}
