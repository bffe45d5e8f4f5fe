package jocker.distribution;

import java.io.IOException;
import java.util.Set;
import jocker.distribution.auth.Authenticator;
import jocker.images.Digest;
import jocker.images.LocalImages;
import jocker.images.Reference;

/**
 * Pull and push, as the CLI ({@code jocker pull/push}) and jockerd
 * ({@code POST /images/create?fromImage}, {@code POST /images/{name}/push})
 * both call them.
 */
public final class Distribution {

    private Distribution() {
    }

    /**
     * How to reach registries: the ones reached over plain HTTP (loopback
     * always is), and how many blobs move at once.
     */
    public record Options(Set<String> insecureRegistries, int parallel) {

        public Options {
            insecureRegistries = Set.copyOf(insecureRegistries);
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel transfers: want at least 1, not " + parallel);
            }
        }

        public static Options defaults() {
            return new Options(Set.of(), 3);
        }
    }

    /** Pulls {@code reference} (a tag or a digest) into {@code images}, which then names it so. */
    public static LocalImages.Image pull(LocalImages images, Reference reference, Authenticator auth,
            Progress progress, Options options) throws IOException {
        return new Puller(images, reference, auth, progress, options).pull();
    }

    /** Pushes the local image {@code reference} to its registry; returns the manifest's digest there. */
    public static Digest push(LocalImages images, Reference reference, Authenticator auth, Progress progress,
            Options options) throws IOException {
        return new Pusher(images, reference, auth, progress, options, BlobUpload.CHUNK_BYTES).push();
    }
}
