package jocker.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.engine.Engine;

/**
 * The daemon's endpoints: {@code METHOD /path/{param}} patterns, tried
 * plainest first (a literal path before one with parameters, a parameter
 * before a {@code {name*}} that takes slashes), so that
 * {@code GET /images/json} is not read as the image named {@code json}.
 */
final class RouteTable implements Router {

    private record Route(String method, String pattern, Pattern regex, List<String> names, Handler handler) {

        /** Literal paths first, then by fewer parameters, then without a rest-of-path parameter. */
        int rank() {
            return names.size() * 2 + (pattern.contains("*}") ? 100 : 0);
        }
    }

    /** A route found for a request, with its path parameters. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private final Path root;
    private final Engine engine;
    private final List<Route> routes = new ArrayList<>();

    RouteTable(Path root, Engine engine) {
        this.root = root;
        this.engine = engine;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public synchronized void add(String method, String path, Handler handler) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\w+)(\\*?)}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        routes.removeIf(r -> r.method.equals(method) && r.pattern.equals(path));
        routes.add(new Route(method, path, Pattern.compile(regex.toString()), List.copyOf(names), handler));
        routes.sort(Comparator.comparingInt(Route::rank));
    }

    @Override
    public synchronized Handler handler(String method, String path) {
        return routes.stream().filter(r -> r.method.equals(method) && r.pattern.equals(path))
                .map(Route::handler).findFirst().orElse(null);
    }

    /** The route for {@code method path}, or null: Docker answers 404 "page not found". */
    synchronized Match find(String method, String path) {
        for (Route r : routes) {
            if (!r.method.equals(method)) {
                continue;
            }
            Matcher m = r.regex.matcher(path);
            if (m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < r.names.size(); i++) {
                    params.put(r.names.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return new Match(r.handler, params);
            }
        }
        return null;
    }
}
