package jocker.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import jocker.distribution.Progress;
import jocker.distribution.auth.CredentialStore;
import jocker.distribution.auth.RegistryAuthHeader;
import jocker.images.Reference;

/**
 * {@code jocker -H … pull} and {@code push}: the daemon moves the image
 * ({@code POST /images/create?fromImage=}, {@code POST /images/{name}/push})
 * and answers with Docker's JSON progress lines, which are played back into
 * a {@link Progress}, so that {@code jocker -H} draws what {@code jocker}
 * draws alone. The credentials are the user's ({@code jocker login}), sent
 * along in {@code X-Registry-Auth} as the docker CLI sends them: the daemon
 * keeps none.
 */
public final class RemoteTransfers implements AutoCloseable {

    private final DaemonClient client;
    private final CredentialStore credentials;

    private RemoteTransfers(Path socket, CredentialStore credentials) {
        this.client = new DaemonClient(socket);
        this.credentials = credentials;
    }

    /** The daemon at {@code host} ({@code unix:///PATH}), with the user's credential store. */
    public static RemoteTransfers connect(String host) {
        if (!host.startsWith("unix://") || host.length() <= "unix://".length()) {
            throw new IllegalArgumentException("-H " + host + ": only unix:///PATH/TO/SOCKET is supported");
        }
        return new RemoteTransfers(Path.of(host.substring("unix://".length())), CredentialStore.defaultStore());
    }

    /** Has the daemon pull {@code reference} (a tag or a digest) into its store. */
    public void pull(Reference reference, Progress progress) throws IOException, InterruptedException {
        String tag = reference.digest() != null ? reference.digest() : reference.tag();
        run("/images/create?fromImage=" + encode(reference.name()) + "&tag=" + encode(tag), reference, progress);
    }

    /** Has the daemon push its image {@code reference} (with a tag) to the image's registry. */
    public void push(Reference reference, Progress progress) throws IOException, InterruptedException {
        run("/images/" + reference.name() + "/push?tag=" + encode(reference.tag()), reference, progress);
    }

    private void run(String path, Reference reference, Progress progress) throws IOException, InterruptedException {
        String auth = credentials.get(reference.domain())
                .map(c -> RegistryAuthHeader.encode(c, reference.domain())).orElse("");
        ProgressLines lines = new ProgressLines(progress);
        Exchange exchange = client.stream(HttpMethod.POST, path, Map.of("X-Registry-Auth", auth), lines);
        exchange.awaitEnd();
        lines.finish();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * The body, cut into lines and each played back: {@code {"id","status",
     * "progressDetail"}} is a layer's event, a {@code status} alone a line;
     * {@code error} ends the transfer with that message.
     */
    private static final class ProgressLines implements BodySink {

        private final Progress progress;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String error;

        ProgressLines(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void accept(byte[] data, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                if (data[i] == '\n') {
                    play(line.toString(StandardCharsets.UTF_8).strip());
                    line.reset();
                } else {
                    line.write(data[i]);
                }
            }
        }

        private void play(String text) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            Object m = JsonTree.read(text);
            Object id = JsonTree.at(m, "id");
            Object status = JsonTree.at(m, "status");
            if (JsonTree.at(m, "error") != null) {
                error = JsonTree.text(JsonTree.at(m, "errorDetail", "message"),
                        String.valueOf(JsonTree.at(m, "error")));
            } else if (id != null && status != null) {
                progress.layer(String.valueOf(id), String.valueOf(status),
                        JsonTree.number(JsonTree.at(m, "progressDetail", "current"), -1),
                        JsonTree.number(JsonTree.at(m, "progressDetail", "total"), -1));
            } else if (status != null) {
                progress.line(String.valueOf(status));
            }
        }

        /** The last line, if the body ended without a newline; then the daemon's error, if it sent one. */
        void finish() throws IOException {
            play(line.toString(StandardCharsets.UTF_8).strip());
            if (error != null) {
                throw new IOException(error);
            }
        }
    }
}
