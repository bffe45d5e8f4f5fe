package jocker.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A test endpoint, on the tests' class path only: {@code POST /_test/echo}
 * takes the connection over and sends back, as stdout frames, each piece the
 * client sends, in capitals, until the client half-closes; {@code
 * GET /_test/stream?n=} sends n chunks a little apart; {@code POST /_test/json}
 * sends back the JSON body it read.
 */
public final class EchoRoutes implements Routes {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/_test/echo", (request, response) -> {
            try (ApiResponse.Hijacked h = response.hijack(true)) {
                InputStream in = h.in();
                OutputStream out = h.out();
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    byte[] upper = new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                            .getBytes(StandardCharsets.UTF_8);
                    StreamFrames.write(out, StreamFrames.STDOUT, upper, 0, upper.length);
                }
                byte[] bye = "bye\n".getBytes(StandardCharsets.UTF_8);
                StreamFrames.write(out, StreamFrames.STDERR, bye, 0, bye.length);
            }
        });
        router.add("POST", "/_test/json", (request, response) -> response.json(200, request.json(java.util.Map.class)));
        router.add("GET", "/_test/stream", (request, response) -> {
            long n = request.queryLong("n", 3);
            try (OutputStream out = response.stream(200, "application/json")) {
                for (int i = 0; i < n; i++) {
                    out.write(("{\"i\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(50);
                }
            }
        });
    }
}
