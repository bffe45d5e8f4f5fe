package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** tags/list and _catalog a page at a time: {@code n}, {@code last}, and the {@code Link} to the next page. */
@DisplayName("tags and catalog pagination")
class TagsPaginationTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
        OciImages.Image image = OciImages.small("tagged");
        registry.push("lib/bb", "v2", image);
        for (String tag : List.of("v10", "latest", "v1", "a-first")) {
            assertThat(registry.putManifest("lib/bb", tag, image.manifest()).statusCode()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static List<String> list(HttpResponse<String> r, String field) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode t : OciImages.JSON.readTree(r.body()).path(field)) {
            out.add(t.asText());
        }
        return out;
    }

    @Test
    @Graded(exercise = "7.2", points = 4)
    @DisplayName("n=2 gives the first two tags in lexical order and a Link to the page after the second")
    void firstPage() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/tags/list?n=2").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(list(r, "tags")).containsExactly("a-first", "latest");
        assertThat(r.headers().firstValue("Link")).hasValue("</v2/lib/bb/tags/list?last=latest&n=2>; rel=\"next\"");
    }

    @Test
    @Graded(exercise = "7.2", points = 4)
    @DisplayName("following the Links walks every tag once; the last page has no Link")
    void followLinks() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = "/v2/lib/bb/tags/list?n=2";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> r = registry.send(registry.request(next).GET());
            assertThat(r.statusCode()).isEqualTo(200);
            seen.addAll(list(r, "tags"));
            next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
            pages++;
            assertThat(pages).as("pages end").isLessThan(10);
        }
        assertThat(seen).containsExactly("a-first", "latest", "v1", "v10", "v2");
        assertThat(pages).isEqualTo(3);
        HttpResponse<String> after = registry.send(registry.request("/v2/lib/bb/tags/list?last=v1").GET());
        assertThat(list(after, "tags")).containsExactly("v10", "v2");
        assertThat(after.headers().firstValue("Link")).isEmpty();
    }

    @Test
    @Graded(exercise = "7.2", points = 2)
    @DisplayName("_catalog pages the repositories the same way")
    void catalog() throws Exception {
        OciImages.Image image = OciImages.small("other");
        registry.push("team/app", "1", image);
        registry.push("lib/alpine", "1", image);
        HttpResponse<String> r = registry.send(registry.request("/v2/_catalog?n=2").GET());
        assertThat(list(r, "repositories")).containsExactly("lib/alpine", "lib/bb");
        assertThat(r.headers().firstValue("Link")).hasValue("</v2/_catalog?last=lib%2Fbb&n=2>; rel=\"next\"");
        HttpResponse<String> rest = registry.send(registry.request("/v2/_catalog?n=2&last=lib/bb").GET());
        assertThat(list(rest, "repositories")).containsExactly("team/app");
        assertThat(rest.headers().firstValue("Link")).isEmpty();
    }

    @Test
    @DisplayName("a negative n is 400 PAGINATION_NUMBER_INVALID")
    void negative() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/tags/list?n=-1").GET());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("PAGINATION_NUMBER_INVALID");
    }
}
