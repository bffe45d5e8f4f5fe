package jocker.api;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import jocker.engine.CreateRequest;

/**
 * A part of the create body that another concept of the daemon translates
 * into its typed part of the {@link CreateRequest}, found with
 * {@link ServiceLoader} ({@code META-INF/services/jocker.api.CreateBodyPart}):
 * the volumes' {@code HostConfig.Binds}, for one. The hook keeps
 * {@link ContainerCreation} free of every later concept.
 */
public interface CreateBodyPart {

    /** Whether this part reads {@code HostConfig.Binds}: without one, a create with binds is refused. */
    default boolean handlesBinds() {
        return false;
    }

    /** The request with this part's typed part added; throws {@link ApiException} (400) for a bad value. */
    CreateRequest addTo(CreateRequest request, ContainerCreateBody body);

    /** Every part on the class path, in class-name order. */
    static List<CreateBodyPart> all() {
        return ServiceLoader.load(CreateBodyPart.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(p -> p.getClass().getName())).toList();
    }
}
