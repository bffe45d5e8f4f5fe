package jocker.daemon;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import jocker.engine.Engine;

/**
 * Something that runs inside {@code jockerd} for as long as it runs, beside
 * the API: the restart {@link Watchdog}. Each is a service
 * ({@code META-INF/services/jocker.daemon.DaemonService}); the daemon starts
 * them in chapter order once its engine is ready, before it serves, and
 * stops them when it stops.
 */
public interface DaemonService extends AutoCloseable {

    /** The chapter that brings it. */
    int chapter();

    /** Starts the service's threads; returns at once. */
    void start(Engine engine) throws Exception;

    /** Stops its threads; what it manages (containers) goes on. */
    @Override
    void close();

    /** The services of the chapters up to {@code upTo}, in chapter order. */
    static List<DaemonService> upTo(int upTo) {
        return ServiceLoader.load(DaemonService.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.chapter() <= upTo)
                .sorted(Comparator.comparingInt(DaemonService::chapter).thenComparing(s -> s.getClass().getName()))
                .toList();
    }
}
