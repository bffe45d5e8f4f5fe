package jocker.api;

import jocker.course.Exercise;
import jocker.images.Digest;
import jocker.images.ImageException;
import jocker.images.Reference;

/**
 * What {@code POST /images/create?fromImage=NAME&tag=TAG} asks to pull, read
 * as Docker's daemon reads it. The docker CLI sends the repository in
 * {@code fromImage} and the tag apart ({@code fromImage=127.0.0.1:5000/lib/bb&tag=1});
 * {@code tag} may be a digest ({@code docker pull x@sha256:…} sends
 * {@code tag=sha256:…}); other clients put the tag into {@code fromImage}
 * itself ({@code lib/bb:1}), which {@code tag}, when given, replaces.
 */
final class PullReference {

    private PullReference() {
    }

    // tag::pull-reference[]
    /**
     * The reference to pull. A name with neither a tag nor a digest, in
     * {@code fromImage} or {@code tag}, asks for every tag
     * ({@code docker pull --all-tags}), which jockerd refuses.
     *
     * @throws ImageException for a malformed name, tag or digest, or a pull of every tag
     */
    static Reference parse(String fromImage, String tag) {
        // Exercise 7.10: drop one trailing ':' (pull -a sends "name:"); parse the name;
        //   a tag that is a digest names the manifest (and drops the name's tag), another tag
        //   replaces the name's tag; with no tag anywhere (neither ':' after the last '/', nor '@'),
        //   refuse: that is a pull of every tag.
        return Exercise.todo("7.10", "drop one trailing ':' (pull -a sends \"name:\"); parse the name; a tag that is a digest names the manifest (and drops the name's tag), another tag replaces the name's tag; with no tag anywhere (neither ':' after the last '/', nor '@'), refuse: that is a pull of every tag.");
    }
    // end::pull-reference[]
}
