package jocker.registry;

import java.util.List;
import jocker.course.Exercise;

/**
 * Which manifest a {@code GET} may answer. A client lists the manifest media
 * types it reads in {@code Accept} headers (skopeo sends six: OCI and Docker,
 * manifests and indexes). A manifest asked for by digest is served whatever
 * it is: the client named those exact bytes. One asked for by tag is served
 * only if its media type is listed; otherwise the answer is 404
 * MANIFEST_UNKNOWN, as distribution 2.8 answers an OCI manifest to a client
 * that accepts Docker's types only. (distribution would rewrite a Docker
 * manifest into the long-gone schema 1 for a client that lists nothing;
 * this registry converts nothing: the bytes are what the digest names.)
 */
final class ContentNegotiation {

    private ContentNegotiation() {
    }

    /**
     * Whether a manifest of {@code mediaType} may answer a request with these
     * {@code Accept} headers, asked for by digest ({@code byDigest}) or by tag.
     */
    // tag::negotiate[]
    static boolean servable(String mediaType, List<String> acceptHeaders, boolean byDigest) {
        if (byDigest) {
            return true;
        }
        // Exercise 7.3: by tag, only when one of the Accept headers' comma-separated types
        //   (parameters such as ;q=0.9 stripped) is the manifest's media type.
        return Exercise.todo("7.3", "by tag, only when one of the Accept headers' comma-separated types (parameters such as ;q=0.9 stripped) is the manifest's media type.");
    }
    // end::negotiate[]
}
