package jocker.distribution;

import java.util.List;
import jocker.course.Exercise;

/**
 * What a push does with one blob: nothing when the registry has it in the
 * repository already ({@code HEAD} said 200), a cross-repository
 * <em>mount</em> when the same registry has it in another repository this
 * engine pulled it from or pushed it to (no bytes move: the registry links
 * the blob it has), else an upload.
 *
 * @param action what to do
 * @param from   for a mount, the repository to mount from ({@code lib/bb}); else null
 */
public record PushPlan(Action action, String from) {

    /** The three ways a blob gets to the registry. */
    public enum Action { SKIP, MOUNT, UPLOAD }

    // tag::push-plan[]
    /**
     * The plan for a blob that the repository {@code repository} of
     * registry {@code domain} has ({@code there}) or not; {@code sources}
     * are where the blob is known to be, as {@link BlobSources} records them
     * ({@code 127.0.0.1:5000/lib/bb}, {@code docker.io/library/busybox}). The
     * first source on the same registry, in another repository, is mounted
     * from; a source on another registry is no use (a mount never crosses
     * registries), nor is the repository itself (the {@code HEAD} had the
     * last word on that).
     */
    public static PushPlan decide(boolean there, List<String> sources, String domain,
            String repository) {
        // Exercise 7.9: SKIP when there; else MOUNT from the path of the first source
        //   "domain/path" on this domain whose path is not repository; else UPLOAD.
        return Exercise.todo("7.9", "SKIP when there; else MOUNT from the path of the first source \"domain/path\" on this domain whose path is not repository; else UPLOAD.");
    }
    // end::push-plan[]
}
