package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image endpoints called in process, without a server or a docker
 * CLI: what each answers (status, JSON, streams), and what it did to the
 * store. The end-to-end tests drive the same through jockerd.
 */
@RequiresRoot("layers hold files of every owner; a build's RUN is a container")
@Timeout(300)
@DisplayName("image endpoints, in process")
class ImageRoutesTest {

    @TempDir
    Path root;

    InProcessRoutes api;

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(root);
        api = new InProcessRoutes(new ImageRoutes(), root);
    }

    @AfterEach
    void removeContainers() throws Exception {
        JockerCommand.removeAll(root);
    }

    /** A tar of {@code files}, name to content. */
    static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private List<String> streamed(InProcessRoutes.Answer answer) throws IOException {
        return answer.jsonLines().stream().filter(l -> l.has("stream")).map(l -> l.get("stream").asText()).toList();
    }

    @Test
    @DisplayName("POST /build: steps stream as JSON lines, RUN's output among them, the ID in aux; the image lists")
    void build() throws Exception {
        byte[] context = tar(Map.of("Dockerfile", "FROM busybox\nRUN echo ran-in-build && echo made > /made\n"
                + "COPY hello.txt /hello.txt\n", "hello.txt", "hello\n"));
        InProcessRoutes.Answer answer = api.call("POST", "/build", null, context, "t=img:1", "rm=1");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        List<String> stream = streamed(answer);
        assertThat(stream).contains("Step 1/3 : FROM busybox\n", "ran-in-build\n", "Successfully tagged img:1\n");
        assertThat(stream.indexOf("ran-in-build\n")).as("RUN's output comes within its step")
                .isLessThan(stream.indexOf("Step 3/3 : COPY hello.txt /hello.txt\n"));
        String id = answer.jsonLines().stream().filter(l -> l.has("aux")).findFirst().orElseThrow()
                .get("aux").get("ID").asText();
        assertThat(id).startsWith("sha256:");

        JsonNode list = api.call("GET", "/images/{name*}", "json", null,
                "filters={\"reference\":[\"img\"]}").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("Id").asText()).isEqualTo(id);
        assertThat(list.get(0).get("RepoTags").get(0).asText()).isEqualTo("img:1");

        JsonNode inspect = api.call("GET", "/images/{name*}", "img:1/json", null).json();
        JsonNode busybox = api.call("GET", "/images/{name*}", "busybox/json", null).json();
        assertThat(inspect.get("RootFS").get("Layers")).as("RUN and COPY made a layer each")
                .hasSize(busybox.get("RootFS").get("Layers").size() + 2);
        JsonNode history = api.call("GET", "/images/{name*}", "img:1/history", null).json();
        assertThat(history.get(0).get("Id").asText()).isEqualTo(id);
        assertThat(history.get(0).get("CreatedBy").asText()).contains("COPY");
    }

    @Test
    @DisplayName("POST /build: a failing RUN is an error line after the 200; its container is gone")
    void buildFails() throws Exception {
        byte[] context = tar(Map.of("Dockerfile", "FROM busybox\nRUN exit 3\n"));
        InProcessRoutes.Answer answer = api.call("POST", "/build", null, context, "t=bad:1");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode last = answer.jsonLines().get(answer.jsonLines().size() - 1);
        assertThat(last.get("error").asText()).contains("returned a non-zero code: 3");
        assertThat(last.get("errorDetail").get("message").asText()).isEqualTo(last.get("error").asText());
        assertThat(JockerCommand.run(root, "ps", "-a", "-q").out()).isBlank();
        assertThat(api.call("GET", "/images/{name*}", "bad:1/json", null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("POST /build: a context that climbs out with .. is a 400, and nothing of it stays")
    void buildContextEscapes() throws Exception {
        byte[] context = tar(Map.of("Dockerfile", "FROM busybox\n", "../escaped", "x"));
        InProcessRoutes.Answer answer = api.call("POST", "/build", null, context);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("..");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("build-context-")
                    || p.getFileName().toString().equals("escaped"))).isEmpty();
        }
    }

    @Test
    @DisplayName("tag, rmi, save, load: names with slashes and ports, Docker's answers, 404 for a missing image")
    void tagRemoveSaveLoad() throws Exception {
        api.call("GET", "/images/{name*}", "busybox/json", null); // makes the built-in image
        assertThat(api.call("POST", "/images/{name*}", "busybox/tag", null, "repo=127.0.0.1:5000/lib/bb",
                "tag=1").status()).isEqualTo(201);
        InProcessRoutes.Answer saved = api.call("GET", "/images/{name*}", "127.0.0.1:5000/lib/bb:1/get", null);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.contentType()).isEqualTo("application/x-tar");

        JsonNode removed = api.call("DELETE", "/images/{name*}", "127.0.0.1:5000/lib/bb:1", null).json();
        assertThat(removed.get(0).get("Untagged").asText()).isEqualTo("127.0.0.1:5000/lib/bb:1");
        assertThat(api.call("GET", "/images/{name*}", "127.0.0.1:5000/lib/bb:1/json", null).status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/images/{name*}", "127.0.0.1:5000/lib/bb:1", null).status())
                .isEqualTo(404);

        InProcessRoutes.Answer loaded = api.call("POST", "/images/{name*}", "load", saved.body(), "quiet=1");
        assertThat(streamed(loaded)).containsExactly("Loaded image: 127.0.0.1:5000/lib/bb:1\n");
        assertThat(api.call("GET", "/images/{name*}", "127.0.0.1:5000/lib/bb:1/json", null).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("POST /images/load of a bad archive is a 400, and the store has no blob more than before")
    void badArchive() throws Exception {
        api.call("GET", "/images/{name*}", "busybox/json", null);
        List<Path> before = blobs();
        InProcessRoutes.Answer answer = api.call("POST", "/images/{name*}", "load",
                tar(Map.of("manifest.json", "[{\"Config\":\"../x.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isNotBlank();
        assertThat(blobs()).isEqualTo(before);
    }

    private List<Path> blobs() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("oci/blobs/sha256"))) {
            return files.sorted().toList();
        }
    }

    @Test
    @DisplayName("POST /images/create?fromSrc=-: a rootfs tar becomes an image; fromImage says pulling is chapter 7's")
    void importAndPull() throws Exception {
        InProcessRoutes.Answer answer = api.call("POST", "/images/{name*}", "create",
                tar(Map.of("etc/hostname", "imported\n")), "fromSrc=-", "repo=imp", "tag=2", "message=by test");
        assertThat(answer.status()).isEqualTo(200);
        String id = answer.jsonLines().get(0).get("status").asText();
        JsonNode inspect = api.call("GET", "/images/{name*}", "imp:2/json", null).json();
        assertThat(inspect.get("Id").asText()).isEqualTo(id);
        assertThat(inspect.get("Comment").asText()).isEqualTo("by test");

        InProcessRoutes.Answer pull = api.call("POST", "/images/{name*}", "create", null, "fromImage=alpine",
                "tag=3");
        assertThat(pull.status()).isEqualTo(501);
        assertThat(pull.json().get("message").asText()).contains("chapter 7");
    }

    @Test
    @DisplayName("import with changes: CMD, ENV and WORKDIR land in the config, no unnamed image stays; RUN is a 400")
    void importWithChanges() throws Exception {
        InProcessRoutes.Answer answer = api.call("POST", "/images/{name*}", "create",
                tar(Map.of("etc/hostname", "imported\n")), "fromSrc=-", "repo=imp:3",
                "changes=CMD [\"cat\", \"/etc/hostname\"]", "changes=ENV A=1", "changes=WORKDIR /srv");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode config = api.call("GET", "/images/{name*}", "imp:3/json", null).json().get("Config");
        assertThat(config.get("Cmd").toString()).isEqualTo("[\"cat\",\"/etc/hostname\"]");
        assertThat(config.get("Env").toString()).contains("A=1");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/srv");
        JsonNode dangling = api.call("GET", "/images/{name*}", "json", null, "all=1",
                "filters={\"dangling\":[\"true\"]}").json();
        assertThat(dangling).as("the image before the changes is gone").isEmpty();

        List<Path> before = blobs();
        InProcessRoutes.Answer refused = api.call("POST", "/images/{name*}", "create",
                tar(Map.of("etc/hostname", "x\n")), "fromSrc=-", "repo=imp:4", "changes=RUN rm -rf /");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("RUN");
        assertThat(blobs()).isEqualTo(before);
    }
}
