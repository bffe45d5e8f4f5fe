package jocker.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jocker.course.Exercise;
import jocker.images.Digest;

/**
 * The build cache's key for one step, as Docker's classic builder keys it:
 * a step is the same step when it starts from the same image (the parent's
 * ID), does the same thing (the instruction after variable substitution,
 * with the build arguments a RUN sees), and, for COPY and ADD, copies the
 * same files: their names, types, modes, owners and bytes. Times do not
 * count: a {@code git checkout} that touches every file keeps the cache.
 *
 * <p>Content addressing makes this safe: the parent ID is the digest of the
 * parent's config, which names its layers by digest, so the same parent ID
 * means the same files underneath.
 */
public final class CacheKey {

    private CacheKey() {
    }

    // tag::key[]
    /**
     * The key of a step from image {@code parent} (null: {@code scratch})
     * doing {@code instruction}; {@code files} is the tree a COPY or ADD
     * adds (null for other steps).
     */
    public static Digest of(Digest parent, String instruction, Path files) throws IOException {
        MessageDigest sha = Digest.sha256();
        // Exercise 5.8: hash the parent's ID ("scratch" when null) and the instruction, each
        //   ended by '\n'. Then, for COPY and ADD, every entry under files, in sorted order: its path
        //   relative to files, then its "unix:mode", "unix:uid" and "unix:gid" (Files.getAttribute,
        //   not following links), then a link's target or a regular file's bytes. Not the times.
        return Exercise.todo("5.8", "hash the parent's ID (\"scratch\" when null) and the instruction, each ended by '\\n'. Then, for COPY and ADD, every entry under files, in sorted order: its path relative to files, then its \"unix:mode\", \"unix:uid\" and \"unix:gid\" (Files.getAttribute, not following links), then a link's target or a regular file's bytes. Not the times.");
    }
    // end::key[]

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }
}
