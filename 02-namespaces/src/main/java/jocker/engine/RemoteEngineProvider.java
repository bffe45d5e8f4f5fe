package jocker.engine;

import java.util.ServiceLoader;

/**
 * Where the engine of {@code jocker -H} comes from: chapter 6's Engine API
 * client, found with {@link ServiceLoader}
 * ({@code META-INF/services/jocker.engine.RemoteEngineProvider}), so that the
 * commands of chapter 2 need not know of chapter 6.
 */
public interface RemoteEngineProvider {

    /** The chapter that brings the client. */
    int chapter();

    /** An engine that sends its calls to the daemon at {@code host}, such as {@code unix:///run/jocker.sock}. */
    ContainerEngine connect(String host);

    /** The engine of the daemon at {@code host}; fails if no chapter up to {@code upTo} brings a client. */
    static ContainerEngine connect(String host, int upTo) {
        return ServiceLoader.load(RemoteEngineProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.chapter() <= upTo)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("-H " + host + ": a daemon's client arrives with "
                        + "chapter 6; this jocker runs containers itself only"))
                .connect(host);
    }
}
