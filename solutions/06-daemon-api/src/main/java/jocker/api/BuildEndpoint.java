package jocker.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.build.BuildRequest;
import jocker.build.Builder;
import jocker.engine.Scratch;
import jocker.images.LocalImages;

/**
 * {@code POST /build}: Docker's classic builder, which the CLI uses with
 * {@code DOCKER_BUILDKIT=0}. The body is the context as a tar; the query
 * says the rest ({@code t}, {@code dockerfile}, {@code buildargs},
 * {@code nocache}, {@code target}, {@code q}). Chapter 5's {@link Builder}
 * does the work; its report and the RUN containers' output go back as
 * {@code {"stream":…}} lines, the image ID as {@code {"aux":{"ID":…}}}.
 *
 * <p>The status, 200, goes out before the first step: a step that fails
 * later can only say so in the stream, {@code {"errorDetail":…,"error":…}},
 * which the CLI prints before it exits 1.
 */
final class BuildEndpoint {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;

    BuildEndpoint(Path root) {
        this.root = root;
    }

    void build(ApiRequest request, ApiResponse response) throws Exception {
        Map<String, String> args = jsonMap(request, "buildargs");
        if (!jsonMap(request, "labels").isEmpty()) {
            throw ApiException.badRequest("jockerd's builder takes no --label: put a LABEL in the Dockerfile");
        }
        List<String> tags = request.queryAll("t");
        boolean quiet = request.queryFlag("q", false);
        try (BuildContext context = BuildContext.unpack(request.body(), root)) {
            Path dockerfile = context.dockerfile(request.query("dockerfile"));
            try (OutputStream body = response.stream(200, "application/json")) {
                JsonLines lines = new JsonLines(body);
                try (RunOutput output = new RunOutput(Scratch.dir(root), lines)) {
                    PrintStream report = quiet ? new PrintStream(OutputStream.nullOutputStream())
                            : lines.lines(output::send);
                    BuildRequest build = new BuildRequest(context.dir(), dockerfile, tags, args,
                            emptyAsNull(request.query("target")), request.queryFlag("nocache", false), report,
                            quiet ? RunOutput.discarded() : output.stdio());
                    LocalImages.Image image = new Builder(root).build(build);
                    lines.write(JsonMessage.imageId(image.id().toString()));
                    if (quiet) {
                        lines.write(JsonMessage.stream(image.id() + "\n"));
                    }
                } catch (UncheckedIOException clientGone) {
                    throw clientGone; // nobody to tell
                } catch (IOException | RuntimeException e) { // a step failed, a bad Dockerfile, a bad tag …
                    lines.write(JsonMessage.error(e.getMessage()));
                }
            }
        }
    }

    /** A query parameter that holds a JSON object of strings ({@code buildargs={"A":"1"}}); nulls are left out. */
    private static Map<String, String> jsonMap(ApiRequest request, String name) {
        String json = request.query(name);
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> map = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            map.values().removeIf(java.util.Objects::isNull);
            return map;
        } catch (IOException e) {
            throw ApiException.badRequest(name + " is not a JSON object of strings: " + e.getMessage());
        }
    }

    /** CLI 20.10 sends {@code target=} and the like for options it was not given: empty is none. */
    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
