package jocker.distribution;

/**
 * What a pull or a push reports as it goes, in Docker's terms: per layer
 * (its short ID, 12 hex digits of its digest) a status such as
 * {@code Waiting}, {@code Downloading} with bytes done and total,
 * {@code Verifying Checksum}, {@code Pull complete}; and whole lines
 * ({@code Digest: sha256:…}, {@code Status: Downloaded newer image for …}).
 * Called from several threads at once (layers transfer in parallel).
 */
public interface Progress {

    /** One layer's state; {@code total} is -1 when not known, {@code current} -1 when there is no count. */
    void layer(String id, String status, long current, long total);

    /** A line about the whole transfer. */
    void line(String text);

    /** Reports nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void layer(String id, String status, long current, long total) {
            }

            @Override
            public void line(String text) {
            }
        };
    }
}
