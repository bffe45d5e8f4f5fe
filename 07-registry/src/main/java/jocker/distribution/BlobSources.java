package jocker.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jocker.images.Digest;

/**
 * Where each blob was pulled from or pushed to, so that a push to another
 * repository of the same registry can ask it to <em>mount</em> the blob
 * ({@code POST …/uploads/?mount=DIGEST&from=REPO}) instead of sending the
 * bytes again. Docker keeps the same record (its "v2 metadata"):
 *
 * <pre>
 * &lt;root&gt;/distribution/sources/&lt;hex&gt;    one line per repository: 127.0.0.1:5000/lib/bb
 * </pre>
 *
 * A line is appended in one write, so concurrent pulls cannot tear it; a
 * stale line only costs a mount that the registry refuses.
 */
public final class BlobSources {

    private final Path dir;

    public BlobSources(Path root) {
        this.dir = root.resolve("distribution").resolve("sources");
    }

    /** Records that repository {@code repository} (with its registry) has blob {@code digest}. */
    public void add(Digest digest, String repository) throws IOException {
        if (of(digest).contains(repository)) {
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(digest.hex()), repository + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The repositories known to have blob {@code digest}, oldest first. */
    public List<String> of(Digest digest) throws IOException {
        try {
            Set<String> lines = new LinkedHashSet<>(Files.readAllLines(dir.resolve(digest.hex())));
            lines.remove("");
            return List.copyOf(lines);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
