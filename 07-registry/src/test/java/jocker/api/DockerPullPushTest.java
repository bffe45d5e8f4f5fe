package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.images.Digest;
import jocker.images.LocalImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker pull} and {@code docker push} of the real docker CLI
 * through jockerd, against Jocker's registry on a loopback port (and once
 * against distribution 2.8): what the CLI prints, what lands in jockerd's
 * store (and runs), and what the registry holds afterwards, asked over HTTP.
 */
@RequiresRoot("jockerd runs the pulled image; layers hold files of every owner")
@Timeout(300)
@DisplayName("docker pull and push through jockerd")
class DockerPullPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST = Pattern.compile("Digest: (sha256:[0-9a-f]{64})");

    @TempDir
    Path tmp;

    private Registries.Registry registry;
    private Registries.Registry distribution;
    private Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        Jockerd.assumeDockerCli();
        registry = Registries.jocker(tmp.resolve("registry"));
        seed(registry);
        daemon = Jockerd.start(tmp.resolve("d"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, registry, distribution}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * Puts {@code lib/bb:1} into {@code r} with skopeo: the host's busybox,
     * made in a store of its own (jockerd's starts empty, so a pull fetches
     * every blob).
     */
    private void seed(Registries.Registry r) throws Exception {
        Path seed = tmp.resolve("seed");
        if (!Files.isDirectory(seed.resolve("oci"))) {
            new LocalImages(seed).builtIn();
        }
        Registries.skopeoCopy(seed.resolve("oci"), "docker.io/library/busybox:latest", r.host() + "/lib/bb:1");
    }

    private Jockerd.Result ok(String... args) throws Exception {
        Jockerd.Result r = daemon.docker(args);
        assertThat(r.exit()).as("docker %s: %s\njockerd's log:\n%s", String.join(" ", args), r, daemon.log())
                .isZero();
        return r;
    }

    private static String url(Registries.Registry r, String path) {
        return "http://" + r.host() + "/v2/" + path;
    }

    private String url(String path) {
        return url(registry, path);
    }

    @Test
    @Graded(exercise = "7.10", points = 3)
    @DisplayName("docker pull (by tag, by digest, by docker run) prints Docker's lines; the image is listed, has the "
            + "registry's config as ID, and runs")
    void pull() throws Exception {
        checkPull(registry);
    }

    @Test
    @Graded(exercise = "7.10", points = 3)
    @DisplayName("docker tag and push: the registry has the manifest the CLI printed, and every blob it names")
    void push() throws Exception {
        checkPush(registry);
    }

    @Test
    @DisplayName("the same pull and push against distribution 2.8")
    void distribution() throws Exception {
        distribution = Registries.distribution(tmp.resolve("distribution"));
        seed(distribution);
        checkPull(distribution);
        checkPush(distribution);
    }

    private void checkPull(Registries.Registry r) throws Exception {
        String image = r.host() + "/lib/bb:1";
        HttpResponse<byte[]> manifest = Registries.send("GET", url(r, "lib/bb/manifests/1"));
        assertThat(manifest.statusCode()).isEqualTo(200);
        String digest = Digest.of(manifest.body()).toString();
        String config = JSON.readTree(manifest.body()).path("config").path("digest").asText();

        Jockerd.Result pulled = ok("pull", image);
        assertThat(pulled.out()).contains("Pull complete", "Digest: " + digest,
                "Status: Downloaded newer image for " + image);
        assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}}").out().lines()).contains(image);
        assertThat(ok("image", "inspect", "--format", "{{.Id}}", image).out().strip()).isEqualTo(config);
        ok("run", "--rm", image, "true");

        String byDigest = r.host() + "/lib/bb@" + digest;
        assertThat(ok("pull", byDigest).out()).as("a pull by digest").contains("Digest: " + digest);
        assertThat(ok("image", "inspect", "--format", "{{.Id}}", byDigest).out().strip()).isEqualTo(config);

        ok("rmi", image, byDigest);
        Jockerd.Result run = ok("run", "--rm", image, "echo", "pulled by run");
        assertThat(run.err()).as("docker run pulls what is missing").contains("Unable to find image");
        assertThat(run.out()).contains("pulled by run");
    }

    private void checkPush(Registries.Registry r) throws Exception {
        String image = r.host() + "/lib/bb:1";
        ok("pull", image);
        String copy = r.host() + "/lib/copy:2";
        ok("tag", image, copy);
        Jockerd.Result pushed = ok("push", copy);
        assertThat(pushed.out()).contains("The push refers to repository [" + r.host() + "/lib/copy]");
        Matcher m = Pattern.compile("2: digest: (sha256:[0-9a-f]{64}) size: (\\d+)").matcher(pushed.out());
        assertThat(m.find()).as("the digest line in %s", pushed).isTrue();

        HttpResponse<byte[]> head = Registries.send("HEAD", url(r, "lib/copy/manifests/" + m.group(1)));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(m.group(1));
        HttpResponse<byte[]> manifest = Registries.send("GET", url(r, "lib/copy/manifests/2"));
        assertThat(Digest.of(manifest.body()).toString()).as("the tag's manifest").isEqualTo(m.group(1));
        assertThat(manifest.body()).hasSize(Integer.parseInt(m.group(2)));
        JsonNode json = JSON.readTree(manifest.body());
        assertThat(Registries.status("HEAD", url(r, "lib/copy/blobs/" + json.path("config").path("digest").asText())))
                .isEqualTo(200);
        for (JsonNode layer : json.path("layers")) {
            assertThat(Registries.status("HEAD", url(r, "lib/copy/blobs/" + layer.path("digest").asText())))
                    .as("layer %s", layer).isEqualTo(200);
        }
    }

    @Test
    @Graded(exercise = "7.10", points = 1)
    @DisplayName("docker push of an image the registry never saw uploads its new layer; rmi and pull bring it back")
    void pushNewLayer() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("hello.txt"), "pushed through jockerd at " + System.nanoTime() + "\n");
        Path tar = tmp.resolve("tree.tar");
        assertThat(new ProcessBuilder("tar", "-C", tree.toString(), "-cf", tar.toString(), ".").start().waitFor())
                .isZero();
        String imported = registry.host() + "/lib/imported:1";
        ok("import", tar.toString(), imported);
        Jockerd.Result pushed = ok("push", imported);
        Matcher m = Pattern.compile("1: digest: (sha256:[0-9a-f]{64})").matcher(pushed.out());
        assertThat(m.find()).as("the digest line in %s", pushed).isTrue();
        JsonNode manifest = JSON.readTree(Registries.send("GET", url("lib/imported/manifests/" + m.group(1))).body());
        assertThat(manifest.path("layers")).hasSize(1);
        HttpResponse<byte[]> layer = Registries.send("GET",
                url("lib/imported/blobs/" + manifest.path("layers").get(0).path("digest").asText()));
        assertThat(layer.statusCode()).isEqualTo(200);
        assertThat(Digest.of(layer.body()).toString()).isEqualTo(manifest.path("layers").get(0).path("digest")
                .asText());

        String id = ok("image", "inspect", "--format", "{{.Id}}", imported).out().strip();
        ok("rmi", imported);
        ok("pull", imported);
        assertThat(ok("image", "inspect", "--format", "{{.Id}}", imported).out().strip()).as("pulled back")
                .isEqualTo(id);
    }

    @Test
    @Graded(exercise = "7.10", points = 1)
    @DisplayName("a tag the registry does not know, a registry that does not listen: a non-zero exit that says why")
    void errors() throws Exception {
        Jockerd.Result missing = daemon.docker("pull", registry.host() + "/lib/bb:nope");
        assertThat(missing.exit()).as("%s", missing).isNotZero();
        assertThat(missing.err()).as("%s", missing).contains("manifest unknown");

        String nowhere = "127.0.0.1:" + Registries.freePort();
        Jockerd.Result refused = daemon.docker("pull", nowhere + "/lib/bb:1");
        assertThat(refused.exit()).as("%s", refused).isNotZero();
        assertThat(refused.err()).as("%s", refused).contains(nowhere).containsIgnoringCase("refused");
        assertThat(ok("images", "-q").out()).as("nothing pulled").isBlank();
    }
}
