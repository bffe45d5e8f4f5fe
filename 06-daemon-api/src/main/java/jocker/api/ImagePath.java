package jocker.api;

import java.util.Set;

/**
 * What follows {@code /images/} in a path: an image name and an action
 * ({@code busybox/json}), or an action of the whole store ({@code json},
 * {@code load}). Names hold slashes and colons ({@code lib/bb:1},
 * {@code 127.0.0.1:5000/x/y:tag}), so the router hands over the whole rest
 * of the path ({@code /images/{name*}}) and this splits it: a last segment
 * that is an action of the method is the action, the rest the name. An
 * image called {@code x/json} is inspected as {@code /images/x/json/json},
 * as Docker reads it too.
 *
 * @param name   the image's name, or null for an action of the store
 * @param action {@code json}, {@code history} …, or null for the image itself ({@code DELETE})
 */
record ImagePath(String name, String action) {

    /** The actions on one image, by method. */
    private static final Set<String> GET_IMAGE = Set.of("json", "history", "get");
    private static final Set<String> POST_IMAGE = Set.of("tag", "push");
    /** The actions on the store: {@code GET /images/json}, {@code POST /images/load} … */
    private static final Set<String> GET_STORE = Set.of("json", "get");
    private static final Set<String> POST_STORE = Set.of("load", "prune", "create");

    static ImagePath parse(String method, String rest) {
        Set<String> ofImage = method.equals("GET") ? GET_IMAGE : method.equals("POST") ? POST_IMAGE : Set.of();
        Set<String> ofStore = method.equals("GET") ? GET_STORE : method.equals("POST") ? POST_STORE : Set.of();
        if (ofStore.contains(rest)) {
            return new ImagePath(null, rest);
        }
        int slash = rest.lastIndexOf('/');
        if (slash > 0 && ofImage.contains(rest.substring(slash + 1))) {
            return new ImagePath(rest.substring(0, slash), rest.substring(slash + 1));
        }
        if (!ofImage.isEmpty()) { // GET and POST need an action
            throw ApiException.notFound("page not found: " + method + " /images/" + rest);
        }
        return new ImagePath(rest, null);
    }
}
