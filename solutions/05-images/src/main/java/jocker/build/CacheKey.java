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
        // begin exercise 5.8: hash the parent's ID ("scratch" when null) and the instruction, each
        //   ended by '\n'. Then, for COPY and ADD, every entry under files, in sorted order: its path
        //   relative to files, then its "unix:mode", "unix:uid" and "unix:gid" (Files.getAttribute,
        //   not following links), then a link's target or a regular file's bytes. Not the times.
        update(sha, parent == null ? "scratch" : parent.toString());
        update(sha, instruction);
        if (files != null) {
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(files)) {
                entries = walk.sorted().toList();
            }
            for (Path entry : entries) {
                Map<String, Object> attrs = Files.readAttributes(entry, "unix:mode,uid,gid",
                        LinkOption.NOFOLLOW_LINKS);
                update(sha, files.relativize(entry) + " " + attrs.get("mode") + " " + attrs.get("uid")
                        + " " + attrs.get("gid"));
                if (Files.isSymbolicLink(entry)) {
                    update(sha, Files.readSymbolicLink(entry).toString());
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(entry)) {
                        byte[] buffer = new byte[1 << 16];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
        }
        return Digest.of(sha);
        // end exercise 5.8
    }
    // end::key[]

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }
}
