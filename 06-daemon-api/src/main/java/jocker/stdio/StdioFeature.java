package jocker.stdio;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.spec.Spec;

/**
 * Chapter 6's streams at create time: {@code process.terminal} in the spec
 * for a TTY, the {@link StdioOptions} for the shim, and an empty log, so that
 * a client that attaches before the start (as {@code docker run} does) reads
 * it from its first byte.
 */
public final class StdioFeature implements Feature {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        StdioOptions options = request.get(StdioOptions.class);
        if (options == null) {
            options = StdioOptions.NONE;
        }
        spec.process.terminal = options.tty() ? Boolean.TRUE : null;
        options.write(store, state.id());
        Files.write(ContainerLog.path(store, state.id()), new byte[0]);
    }

    @Override
    public void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
        StdioOptions options = StdioOptions.of(store, state.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) doc.get("Config");
        config.put("Tty", options.tty());
        config.put("OpenStdin", options.openStdin());
        config.put("StdinOnce", options.stdinOnce());
        doc.put("LogPath", ContainerLog.path(store, state.id()).toString());
    }
}
