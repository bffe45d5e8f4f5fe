package jocker.api;

/**
 * Chapter 7's endpoints: pull and push, which chapter 6 answered with 501.
 *
 * <pre>
 * POST /images/create?fromImage=&amp;tag=&amp;platform=   pull   RegistryTransfers
 * POST /images/{name}/push?tag=                   push
 * </pre>
 *
 * Both live on the route {@code POST /images/{name*}} of chapter 6's
 * {@link ImageRoutes}; this group takes the route over and hands every other
 * request on it (tag, prune, load, import) to the handler it replaced.
 */
public final class RegistryRoutes implements Routes {

    @Override
    public int chapter() {
        return 7;
    }

    // tag::takeover[]
    @Override
    public void register(Router router) {
        Router.Handler earlier = router.handler("POST", "/images/{name*}");
        RegistryTransfers transfers =
                new RegistryTransfers(router.root(), RegistryTransfers.daemonOptions());
        router.add("POST", "/images/{name*}", (request, response) -> {
            ImagePath path = ImagePath.parse("POST", request.path("name"));
            if (path.action().equals("push")) {
                transfers.push(path.name(), request, response);
            } else if (path.action().equals("create") && request.query("fromImage") != null) {
                transfers.pull(request, response);
            } else if (earlier != null) {
                earlier.handle(request, response);
            } else {
                throw ApiException.notFound("page not found: POST " + request.path());
            }
        });
    }
    // end::takeover[]
}
