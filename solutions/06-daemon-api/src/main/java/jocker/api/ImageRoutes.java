package jocker.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The Engine API's image endpoints, on chapter 5's store:
 *
 * <pre>
 * GET    /images/json?all=&amp;filters=        list           ImageQueries
 * GET    /images/{name}/json               inspect
 * GET    /images/{name}/history            history
 * POST   /images/{name}/tag?repo=&amp;tag=     tag            ImageChanges
 * DELETE /images/{name}?force=             remove (rmi)
 * POST   /images/prune?filters=            prune
 * GET    /images/{name}/get, /images/get   save           ImageTransfers
 * POST   /images/load                      load
 * POST   /images/create?fromSrc=-          import
 * POST   /commit?container=&amp;repo=&amp;tag=    commit
 * POST   /build?t=&amp;dockerfile=&amp;…          build          BuildEndpoint
 * </pre>
 *
 * An image's name has slashes of its own ({@code 127.0.0.1:5000/x/y:1}),
 * so each method has one route, {@code /images/{name*}}, that takes the
 * whole rest of the path, and {@link ImagePath} tells the name from the
 * action at its end.
 */
public final class ImageRoutes implements Routes {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        Path root = router.root();
        ImageQueries queries = new ImageQueries(root);
        ImageChanges changes = new ImageChanges(root);
        ImageTransfers transfers = new ImageTransfers(root);
        router.add("GET", "/images/{name*}", (request, response) -> {
            ImagePath path = ImagePath.parse("GET", request.path("name"));
            switch (path.action()) {
                case "json" -> {
                    if (path.name() == null) {
                        queries.list(request, response);
                    } else {
                        queries.inspect(path.name(), response);
                    }
                }
                case "history" -> queries.history(path.name(), response);
                default -> transfers.save(path.name() != null ? List.of(path.name())
                        : request.queryAll("names"), response);
            }
        });
        router.add("POST", "/images/{name*}", (request, response) -> {
            ImagePath path = ImagePath.parse("POST", request.path("name"));
            switch (path.action()) {
                case "tag" -> changes.tag(path.name(), request, response);
                case "prune" -> changes.prune(request, response);
                case "load" -> transfers.load(request, response);
                case "create" -> transfers.create(request, response);
                default -> throw new ApiException(501, "jockerd cannot push " + path.name()
                        + " yet: pushing to a registry arrives in chapter 7");
            }
        });
        router.add("DELETE", "/images/{name*}", (request, response) ->
                changes.remove(ImagePath.parse("DELETE", request.path("name")).name(), request, response));
        router.add("POST", "/commit", transfers::commit);
        router.add("POST", "/build", new BuildEndpoint(root)::build);
    }
}
