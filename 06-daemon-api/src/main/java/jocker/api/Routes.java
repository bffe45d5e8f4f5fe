package jocker.api;

/**
 * One group of the Engine API's endpoints (containers, images, volumes,
 * events, …), registered with the daemon's {@link Router}. Each group is a
 * service ({@code META-INF/services/jocker.api.Routes}), so that a chapter
 * adds endpoints without touching the server.
 */
public interface Routes {

    /** The chapter that brings these endpoints (6 for the daemon's own; 7 for pull and push). */
    int chapter();

    /** Adds this group's endpoints. */
    void register(Router router);
}
